// The printed table and the verdicts against the issue's targets.
import type * as catalogue from "../scenarios/catalogue";
import type * as catalogueScale from "../scenarios/catalogue-scale";
import type * as cohort from "../scenarios/cohort";
import type * as addressbook from "../scenarios/addressbook";
import type * as consent from "../scenarios/consent";
import type * as harvestIsolate from "../scenarios/harvest-isolate";
import type { memory } from "./stack";
import type { Spread } from "./numbers";

type Cell = string | number | null | undefined;
type Unavailable = { available: false; reason: string } | { failed: true; error: string };
/** A scenario's result as run.ts records it: what its `run` returned, or the error it failed with. */
type Recorded<R> = (Awaited<R> | { available: true; failed: true; error: string }) & { wallSeconds?: number };

/** Everything `npm run bench` writes to bench/results/latest.json. */
export interface BenchResults {
  date: string;
  quick: boolean;
  durationSecondsPerMeasurement: number;
  machine: { cpu: string; cores: number; memoryBytes: number; node: string; platform: string };
  note: string;
  scenarios: {
    consent?: Recorded<ReturnType<typeof consent.run>>;
    catalogue?: Recorded<ReturnType<typeof catalogue.run>>;
    cohort?: Recorded<ReturnType<typeof cohort.run>>;
    /** printed while it runs; figures in latest.json */
    catalogueScale?: Recorded<ReturnType<typeof catalogueScale.run>>;
    addressbook?: Recorded<ReturnType<typeof addressbook.run>>;
    /** the harvest's memory in an isolate of its own (issue 13) */
    harvestIsolate?: Recorded<ReturnType<typeof harvestIsolate.run>>;
  };
  memory: ReturnType<typeof memory> | null;
}

const mb = (b: number | undefined) => (b !== undefined && Number.isFinite(b) ? `${Math.round(b / 1024 / 1024)} MB` : "?");
const ms = (v: number | null | undefined) => (v === null || v === undefined ? "–" : `${v} ms`);
// a difference of two measurements; below zero it is noise (the two windows ran at different moments)
const signed = (v: number) => (v < 0 ? `${v} (≈ 0, noise)` : String(v));
const num = (v: number | null | undefined) => (v === null || v === undefined ? "–" : Number(v).toLocaleString("en"));

function table(headers: string[], rows: Cell[][]) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells: Cell[]) => "  " + cells.map((c, i) => String(c).padEnd(widths[i]!)).join("  ");
  console.log(line(headers));
  console.log("  " + widths.map((w) => "-".repeat(w)).join("  "));
  for (const r of rows) console.log(line(r));
}

function verdict(target: { description: string; met: boolean | null } | undefined) {
  if (!target) return "";
  const state = target.met === true ? "MET" : target.met === false ? "NOT MET" : "not measured";
  return `  target: ${target.description} -> ${state}`;
}

/** Says so and answers true when the scenario did not run or failed. */
function unavailable<T extends object>(name: string, s: T | Unavailable | undefined): s is Unavailable | undefined {
  if (!s) return true;
  if ("available" in s && s.available === false && "reason" in s) {
    console.log(`\n${name}: not available (${s.reason})`);
    return true;
  }
  if ("failed" in s && s.failed && "error" in s) {
    console.log(`\n${name}: FAILED: ${s.error}`);
    return true;
  }
  return false;
}

const CATALOGUE_MIXES: [string, "fullText" | "uncached" | "facetsOnly" | "ckan"][] = [
  ["full text + 2 facets", "fullText"],
  ["uncached text + 2 facets", "uncached"],
  ["facets only", "facetsOnly"],
  ["CKAN package_search", "ckan"],
];
const spread = (s: Spread | null, unit: string) => (s ? `${s.min} / ${s.median} / ${s.max}${unit}` : "–");

/** Catalogue write-then-search: per size and kind of write, min / median / max over the repeats. */
function writeThenSearch(k: { levels: catalogue.CatalogueLevel[] }) {
  const rows: Cell[][] = [];
  for (const level of k.levels) {
    const w = level.writeThenSearch;
    if (!w) continue;
    for (const [kind, label] of [
      ["publish", "publish"],
      ["update", "update"],
      ["publishDuringRebuild", "publish during rebuild"],
    ] as const) {
      const x = w[kind];
      if (!x) continue;
      const visible = spread(x.visibleSeconds, " s") + (x.neverVisible ? ` (${x.neverVisible} never within 60 s)` : "");
      const write =
        spread(x.writeMs, " ms") +
        (x.sentWhileRebuilding !== undefined && x.sentWhileRebuilding < x.runs.length
          ? ` (only ${x.sentWhileRebuilding} of ${x.runs.length} sent while rebuilding)`
          : "");
      rows.push([num(level.datasets), label, x.runs.length, write, spread(x.firstSearchMs, " ms"), visible, spread(x.bystanderMs, " ms")]);
    }
  }
  if (!rows.length) return;
  const conc = k.levels.find((l) => l.writeThenSearch)?.writeThenSearch?.concurrentSearches;
  console.log(`\nCatalogue write, then search (min / median / max; visible = from the write's answer until a search finds it)`);
  table(["datasets", "write", "n", "write", "first search after", "visible after", `${conc} concurrent searches`], rows);
}

export function printReport(r: BenchResults): void {
  const m = r.machine;
  console.log(`\nRegie benchmarks, ${r.date}${r.quick ? " (BENCH_QUICK: short and small, indicative only)" : ""}`);
  console.log(
    `Machine: ${m.cpu}, ${m.cores} cores, ${mb(m.memoryBytes)} RAM, Node ${m.node}, ${m.platform}; ${r.durationSecondsPerMeasurement} s per measurement`,
  );

  const c = r.scenarios.consent;
  if (c && !unavailable("Consent check", c)) {
    console.log(
      `\nConsent check vs empty route (/health) on the consent worker; ${num(c.seeding.citizens)} citizens, ${num(c.seeding.choices)} choices (seeded at ${num(c.seeding.choicesPerSec)}/s)`,
    );
    table(
      ["conns", "check req/s", "check p50", "check p99", "empty req/s", "empty p50", "empty p99", "ratio", "non-2xx"],
      c.rows.map((x) => [
        x.connections,
        num(x.check.reqPerSec),
        ms(x.check.p50),
        ms(x.check.p99),
        num(x.empty.reqPerSec),
        ms(x.empty.p50),
        ms(x.empty.p99),
        x.ratio,
        x.check.non2xx + x.empty.non2xx,
      ]),
    );
    console.log(verdict(c.target));
    if (c.memory) {
      const x = c.memory;
      console.log(
        `  memory of the consent worker: ${mb(x.rssStartBytes)} at start; ${mb(x.rssAllShardsBytes)} with all ${x.shards} shard objects awake (≈ ${(x.perShardBytes / 1048576).toFixed(2)} MB each);` +
          ` ${mb(x.rssAfterSeedBytes)} after seeding (≈ ${num(x.perCitizenBytes)} bytes per citizen); ${mb(x.rssAfterLoadBytes)} after the load`,
      );
    }
    const split = c.rows.flatMap((x) => {
      const [empty, ping, check] = [x.empty.workerCpuUsPerRequest, x.shardPing?.workerCpuUsPerRequest, x.check.workerCpuUsPerRequest];
      return empty && check && ping != null ? [{ connections: x.connections, empty, ping, check, pingReqPerSec: x.shardPing?.reqPerSec }] : [];
    });
    if (split.length) {
      console.log(`  where a check's time goes (CPU µs of the consent worker's workerd processes per request; wrangler's local proxy included):`);
      table(
        ["conns", "empty route", "+ shard round trip", "+ the check's own work", "= check", "shard-ping req/s"],
        split.map((x) => [x.connections, x.empty, signed(x.ping - x.empty), x.check - x.ping, x.check, num(x.pingReqPerSec)]),
      );
    }
  }

  const k = r.scenarios.catalogue;
  if (k && !unavailable("Catalogue search", k)) {
    console.log(`\nCatalogue search (${k.connections} connections)`);
    const rows: Cell[][] = [];
    for (const level of k.levels) {
      for (const [name, key] of CATALOGUE_MIXES) {
        const x = level[key];
        if (!x) continue;
        if ("available" in x) rows.push([num(level.datasets), name, "not available", "", "", "", ""]);
        else
          rows.push([
            num(level.datasets),
            name,
            num(x.reqPerSec),
            ms(x.p50),
            ms(x.p95),
            ms(x.p99),
            x.non2xx + ("repeated" in x && x.repeated ? ` (${x.repeated} repeated queries)` : ""),
          ]);
      }
    }
    table(["datasets", "query", "req/s", "p50", "p95", "p99", "non-2xx"], rows);
    console.log(
      `  p95 growth ${num(k.levels[0]?.datasets)} -> ${num(k.levels.at(-1)?.datasets)}: ${
        Object.entries(k.growthP95)
          .map(([q, g]) => `${q} ${g}x`)
          .join(", ") || "–"
      }`,
    );
    console.log(verdict(k.target));
    writeThenSearch(k);
  }

  const h = r.scenarios.cohort;
  if (h && !unavailable("Cohort filter", h)) {
    console.log(`\nCohort filter against ${num(h.optOuts)} opt-outs${h.optOutListConsistent ? "" : " (WARNING: the opt-out list was not complete)"}`);
    table(
      ["BSNs", "calls", "seconds", "BSNs/s", "excluded", "expected", "correct"],
      h.rows.map((x) => [num(x.bsns), x.calls, x.seconds, num(x.bsnsPerSec), num(x.excluded), num(x.expectedExcluded), x.correct ? "yes" : "NO"]),
    );
    console.log(verdict(h.target));
  }

  const ab = r.scenarios.addressbook;
  if (ab && !unavailable("Address book", ab)) {
    console.log(
      `\nAddress-book name search at ${num(ab.organisations)} organisations, uncached (seeded in ${ab.seedSeconds} s; known name found first: ${ab.correct ? "yes" : "NO"})`,
    );
    table(
      ["connections", "queries", "req/s", "p50", "p95", "p99", "non-2xx"],
      ab.rows.map((x) => [x.connections, num(x.queries), x.reqPerSec, ms(x.p50), ms(x.p95), ms(x.p99), x.non2xx]),
    );
    console.log(verdict(ab.target));
  }

  const hi = r.scenarios.harvestIsolate;
  if (hi && !unavailable("Harvest memory in its own isolate", hi)) {
    console.log(
      `\nHarvest memory in its own isolate (bench/harvest-isolate/): ${(hi.documentBytes / 1048576).toFixed(2)} MiB of Turtle, ${num(hi.datasets)} datasets, chunks of ${hi.chunkDatasets}`,
    );
    const dec = (b: number | null) => (b === null || b === 0 ? "–" : `${(b / 1e6).toFixed(1)} MB`);
    table(
      ["invocation", "ms", "heap peak as found", "heap peak live", "samples", "live before", "live after"],
      [
        ["push (parse, chunks, job)", hi.push],
        [`${hi.steps} queue messages (1 chunk each)`, hi.step],
      ].map(([name, x]) => {
        const h = x as typeof hi.push;
        return [name as string, h.ms, dec(h.peakAsFoundBytes), dec(h.peakLiveBytes), h.samples, dec(h.liveBeforeBytes), dec(h.liveAfterBytes)];
      }),
    );
    console.log(verdict(hi.target));
  }

  if (r.memory) {
    console.log("\nPeak memory (VmHWM of each app's workerd processes, after the run)");
    table(
      ["worker", "processes", "peak RSS", "RSS now"],
      Object.entries(r.memory).map(([app, x]) => [app, x.workerdProcesses, mb(x.peakRssBytes), mb(x.rssBytes)]),
    );
  }
}
