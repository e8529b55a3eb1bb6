// Address-book name search (GET /v1/organisations?q=, the portal's provider picker) at 100,000 organisations,
// uncached: the worker keeps no result cache, and every request asks a different query (prefixes of words of the
// generated names and places, one or two words), so each answer is one FTS5 query against D1.
import { performance } from "node:perf_hooks";
import type { Log } from "../../scripts/stack";
import { addressBookRecords } from "@regie/consent/dev/address-book-data";
import { foldText } from "@regie/shared/text/fold";
import { mulberry32 } from "@regie/shared/util/prng";
import { expectOk, measure, QUICK, routeExists, type Measurement } from "../lib/load";
import { urls, type Mint } from "../lib/stack";

export const ORGANISATIONS = Number(process.env.BENCH_ORGANISATIONS ?? (QUICK ? 20_000 : 100_000));
const CONNECTIONS = (process.env.BENCH_SEARCH_CONNECTIONS ?? "1,16").split(",").map(Number);
const QUERIES = 2_000;

/** Distinct queries a citizen would type: a prefix (≥ 3 letters) of a name word, sometimes with a place prefix. */
function queries(): string[] {
  const r = mulberry32(7);
  const out = new Set<string>();
  const sample = [...addressBookRecords(Math.min(ORGANISATIONS, 20_000))];
  while (out.size < QUERIES) {
    const o = sample[Math.floor(r() * sample.length)]!;
    const words = foldText(o.name)
      .split(" ")
      .filter((w) => w.length >= 3);
    if (!words.length) continue;
    const w = words[Math.floor(r() * words.length)]!;
    let q = w.slice(0, 3 + Math.floor(r() * (w.length - 2)));
    if (r() < 0.3 && o.place) q += " " + foldText(o.place).slice(0, 3 + Math.floor(r() * 4));
    out.add(q);
  }
  return [...out];
}

export async function run({ mint, log }: { mint: Mint; log: Log }) {
  const u = urls();
  if (!(await routeExists(`${u.consent}/v1/organisations?q=x`))) return { available: false as const, reason: "GET /v1/organisations does not exist yet" };
  log(`· address book: seeding ${ORGANISATIONS.toLocaleString("en")} organisations through POST /dev/address-book …`);
  const t0 = performance.now();
  await expectOk(`${u.consent}/dev/address-book?count=${ORGANISATIONS}`, { method: "POST" });
  const seedSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const token = await mint({ role: "citizen", bsn: "999990007" });
  const qs = queries();
  const requests = qs.map((q) => ({ method: "GET" as const, path: `/v1/organisations?q=${encodeURIComponent(q)}&limit=10` }));
  // what the answers look like (and that they are right): a query for a known name finds it first
  const check = await expectOk<{ items: { name: string }[] }>(`${u.consent}/v1/organisations?q=ziekenhuis%20rivierenland`, {
    headers: { authorization: `Bearer ${token}` },
  });
  const correct = check.items[0]?.name === "Ziekenhuis Rivierenland";
  const rows: (Measurement & { queries: number })[] = [];
  for (const connections of CONNECTIONS) {
    log(`· address book: name search, ${qs.length} distinct queries, ${connections} connection(s)`);
    rows.push({ ...(await measure({ url: u.consent, connections, requests, headers: { authorization: `Bearer ${token}` } })), queries: qs.length });
  }
  const single = rows.find((r) => r.connections === 1) ?? rows[0];
  return {
    available: true as const,
    organisations: ORGANISATIONS,
    seedSeconds,
    correct,
    rows,
    target: {
      description: `name search p95 under 50 ms at ${ORGANISATIONS.toLocaleString("en")} organisations, uncached (1 connection)`,
      met: single?.p95 == null ? null : single.p95 < 50 && single.non2xx === 0 && correct,
      p95: single?.p95 ?? null,
    },
  };
}
