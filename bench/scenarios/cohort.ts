// Cohort filter (POST /v1/secondary-use/cohort-filter, hdab): 100,000 and 1,000,000 BSNs (10 calls of
// 100,000) against the secondary-use opt-out list, with a known number of opted-out citizens in the cohort.
import { performance } from "node:perf_hooks";
import type { Log } from "../../scripts/stack";
import { bsnSeries } from "../lib/bsn";
import { expectOk, pool, QUICK, routeExists } from "../lib/load";
import { urls, type Mint } from "../lib/stack";

const CHUNK = 100_000;
export const OPT_OUTS = Number(process.env.BENCH_OPT_OUTS ?? (QUICK ? 200 : 2_000));
const SIZES = (process.env.BENCH_COHORTS ?? (QUICK ? "100000,300000" : "100000,1000000")).split(",").map(Number);

async function filter(url: string, auth: string, bsns: string[], permitApprovedAt: string) {
  const body = JSON.stringify({ bsns, permitApprovedAt });
  return expectOk<{ excludedCount: number; included: string[] }>(url, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body,
  });
}

export async function run({ mint, log }: { mint: Mint; log: Log }) {
  const u = urls();
  const url = `${u.consent}/v1/secondary-use/cohort-filter`;
  if (!(await routeExists(url, { method: "POST" }))) return { available: false as const, reason: "POST /v1/secondary-use/cohort-filter does not exist yet" };
  if (!(await routeExists(`${u.consent}/v1/me/secondary-use`, { method: "PUT" })))
    return { available: false as const, reason: "PUT /v1/me/secondary-use does not exist yet (needed to seed opt-outs)" };

  const largest = Math.max(...SIZES);
  const cohort = bsnSeries(largest, 0);
  // Opt-outs spread over the first 100,000, every 50th citizen.
  const optedOut: string[] = [];
  for (let i = 0; optedOut.length < OPT_OUTS && i < cohort.length; i += 50) optedOut.push(cohort[i]!);
  log(`· cohort: ${optedOut.length} citizens opt out through PUT /v1/me/secondary-use …`);
  const t0 = performance.now();
  await pool(optedOut, 32, async (bsn) => {
    const token = await mint({ role: "citizen", bsn });
    // PUT is idempotent: retry after a 503 (e.g. wrangler reloading a worker mid-run).
    for (let attempt = 0; ; attempt++) {
      try {
        await expectOk(`${u.consent}/v1/me/secondary-use`, {
          method: "PUT",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ optOut: true }),
        });
        break;
      } catch (err) {
        if (attempt >= 3 || !/answered 503/.test(String(err))) throw err;
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
    }
  });
  const seedSeconds = (performance.now() - t0) / 1000;
  const permitApprovedAt = new Date(Date.now() + 60_000).toISOString();
  const auth = `Bearer ${await mint({ role: "hdab", sub: "hdab-nl" })}`;

  // The opt-out list is cross-citizen data kept up to date from the shards; wait until it is complete.
  const first = cohort.slice(0, CHUNK);
  const expectedFirst = optedOut.filter((b) => first.includes(b)).length;
  let settled: number | null = null;
  const waitStart = performance.now();
  for (;;) {
    const out = await filter(url, auth, first, permitApprovedAt);
    settled = out.excludedCount;
    if (settled === expectedFirst || performance.now() - waitStart > 60_000) break;
    await new Promise((r) => setTimeout(r, 1000));
  }
  const consistent = settled === expectedFirst;
  if (!consistent) log(`  ! the opt-out list holds ${settled} of the ${expectedFirst} opt-outs after 60 s`);

  const rows: {
    bsns: number;
    calls: number;
    seconds: number;
    bsnsPerSec: number;
    excluded: number;
    included: number;
    expectedExcluded: number;
    correct: boolean;
  }[] = [];
  for (const size of SIZES) {
    const chunks: string[][] = [];
    for (let i = 0; i < size; i += CHUNK) chunks.push(cohort.slice(i, i + CHUNK));
    log(`· cohort: filtering ${size.toLocaleString("en")} BSNs in ${chunks.length} call(s) of ≤ ${CHUNK.toLocaleString("en")}`);
    const t = performance.now();
    let excluded = 0;
    let included = 0;
    for (const chunk of chunks) {
      const out = await filter(url, auth, chunk, permitApprovedAt);
      excluded += out.excludedCount;
      included += out.included.length;
    }
    const seconds = (performance.now() - t) / 1000;
    const expectedExcluded = optedOut.filter((_, idx) => idx * 50 < size).length;
    rows.push({
      bsns: size,
      calls: chunks.length,
      seconds: Math.round(seconds * 1000) / 1000,
      bsnsPerSec: Math.round(size / seconds),
      excluded,
      included,
      expectedExcluded,
      correct: excluded === expectedExcluded && included + excluded === size,
    });
  }
  const million = rows.find((r) => r.bsns === 1_000_000);
  return {
    available: true as const,
    optOuts: optedOut.length,
    optOutSeedSeconds: Math.round(seedSeconds * 10) / 10,
    optOutListConsistent: consistent,
    rows,
    target: { description: "1,000,000 BSNs in under 10 s", met: million ? million.seconds < 10 && million.correct : null, seconds: million?.seconds ?? null },
  };
}
