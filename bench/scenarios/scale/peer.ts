// Regie against the PostgreSQL peer (../../peers/postgres): the same query paths, the same order, the same
// connection counts; ratios are peer ÷ Regie (above 1: Regie is faster), for latency percentiles, and Regie ÷ peer
// for req/s. The totals of the 1-connection queries are compared too (they differ only by Regie's official example).
import type { Log } from "../../../scripts/stack";
import { measure, type LoadRequest, type Measurement } from "../../lib/load";
import { spread } from "../../lib/numbers";
import type { Peer } from "../../peers/postgres/peer";
import { sequential } from "./queries";

type Spread = ReturnType<typeof spread>;
export interface SideFigures {
  uncached1: Spread;
  uncached4: Measurement;
  broad: Spread;
  totals: number[];
}

const ratio = (a: number | null | undefined, b: number | null | undefined) => (a && b ? Math.round((a / b) * 100) / 100 : null);

export async function measureSide(base: string, paths: { one: string[]; four: string[]; broad: string[] }): Promise<SideFigures> {
  const one = await sequential(base, paths.one);
  const uncached4 = await measure({ url: base, connections: 4, requests: paths.four.map((path): LoadRequest => ({ method: "GET", path })) });
  const broad = await sequential(base, paths.broad);
  return { uncached1: spread(one.ms), uncached4, broad: spread(broad.ms), totals: one.totals };
}

export async function comparePeer(peer: Peer, regie: SideFigures, paths: { one: string[]; four: string[]; broad: string[] }, log: Log) {
  const pg = await measureSide(peer.url, paths);
  const sameTotals = regie.totals.filter((t, i) => Math.abs(t - pg.totals[i]!) <= 1).length;
  const ratios = {
    uncached1: {
      p50: ratio(pg.uncached1.p50, regie.uncached1.p50),
      p95: ratio(pg.uncached1.p95, regie.uncached1.p95),
      p99: ratio(pg.uncached1.p99, regie.uncached1.p99),
    },
    uncached4: {
      p50: ratio(pg.uncached4.p50, regie.uncached4.p50),
      p95: ratio(pg.uncached4.p95, regie.uncached4.p95),
      p99: ratio(pg.uncached4.p99, regie.uncached4.p99),
      reqPerSec: ratio(regie.uncached4.reqPerSec, pg.uncached4.reqPerSec),
    },
    broad: { p50: ratio(pg.broad.p50, regie.broad.p50), p95: ratio(pg.broad.p95, regie.broad.p95), p99: ratio(pg.broad.p99, regie.broad.p99) },
  };
  log(
    `  peer ${peer.version}: uncached 1 conn p50 ${pg.uncached1.p50} / p95 ${pg.uncached1.p95} / p99 ${pg.uncached1.p99} ms; 4 conn p50 ${pg.uncached4.p50} / p95 ${pg.uncached4.p95} / p99 ${pg.uncached4.p99} ms, ${pg.uncached4.reqPerSec} req/s; broad p50 ${pg.broad.p50} / p95 ${pg.broad.p95} ms`,
  );
  log(`  ratios (peer ÷ Regie; req/s Regie ÷ peer): ${JSON.stringify(ratios)}; same totals on ${sameTotals} of ${regie.totals.length} queries`);
  const { totals: _t, ...figures } = pg;
  void _t;
  return { version: peer.version, load: peer.load, ...figures, ratios, sameTotals, comparedTotals: regie.totals.length };
}
