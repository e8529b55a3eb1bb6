// Consent check (POST /v1/consent-check) against an empty route of the same worker (/health), at 1, 16
// and 64 connections, over a registry of synthetic citizens with 1–20 choices each.
import { performance } from "node:perf_hooks";
import type { DevTokenRequest } from "@regie/shared/auth/claims";
import { DEMO_PROVIDERS } from "@regie/shared/demo";
import { mulberry32 } from "@regie/shared/util/prng";
import { bsnSeries } from "../lib/bsn";
import { expectOk, measure, pool, QUICK, routeExists, type LoadRequest, type Measurement } from "../lib/load";
import { rssBytes, urls, workerdPids, type BenchStack, type Mint } from "../lib/stack";
import type { Log } from "../../scripts/stack";

const CATEGORIES = ["huisarts", "ziekenhuis", "apotheek", "ggz", "vvt", "laboratorium", "tandarts", "jeugdgezondheidszorg", "overig"];
const DATA_CATEGORIES = ["GGC002", "GGC012", "GGC013"];
const ORG_TYPES = ["Z3", "V6", "V5", "J8", "G5", "X3", "L1", "H1"];

export const CITIZENS = Number(process.env.BENCH_CITIZENS ?? (QUICK ? 1_000 : 10_000));
export const CONNECTIONS = (process.env.BENCH_CONNECTIONS ?? "1,16,64").split(",").map(Number);

type Provider = Omit<Extract<DevTokenRequest, { role: "provider" }>, "role" | "expiresIn">;
type Party = { ura: string } | { category: string };
interface Choice {
  holder: Party;
  requester: Party;
  dataCategory: string;
  decision: "permit" | "deny";
  validUntil: string | null;
}
type Random = () => number;

/** Demo providers plus synthetic ones, so questions come from many organisations. */
export function providers(count = 40): Provider[] {
  const out: Provider[] = DEMO_PROVIDERS.map((p) => ({ ura: p.ura, organizationType: p.organizationType, ...(p.uziRole ? { uziRole: p.uziRole } : {}) }));
  for (let i = 0; out.length < count; i++) out.push({ ura: String(30_000_000 + i * 37), organizationType: ORG_TYPES[i % ORG_TYPES.length]! });
  return out;
}

const pick = <T>(r: Random, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

function party(r: Random, orgs: readonly Provider[]): Party {
  return r() < 0.25 ? { ura: pick(r, orgs).ura } : { category: pick(r, CATEGORIES) };
}

/** 1–20 distinct choices for one citizen. */
export function choicesFor(r: Random, orgs: readonly Provider[]): Choice[] {
  const n = 1 + Math.floor(r() * 20);
  const seen = new Set<string>();
  const out: Choice[] = [];
  for (let tries = 0; out.length < n && tries < n * 5; tries++) {
    const choice: Choice = {
      holder: party(r, orgs),
      requester: party(r, orgs),
      dataCategory: pick(r, DATA_CATEGORIES),
      decision: r() < 0.75 ? "permit" : "deny",
      validUntil: r() < 0.1 ? "2030-01-01" : null,
    };
    const key = JSON.stringify([choice.holder, choice.requester, choice.dataCategory]);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(choice);
  }
  return out;
}

/**
 * Records the citizens' choices. By default through the development route POST /dev/bulk-choices (the same
 * shard code as POST /v1/me/choices, many citizens per call); BENCH_SEED=api goes through the public API,
 * citizen by citizen with their own tokens (about 180 choices/s on the reference machine).
 */
export interface Seeding {
  via: string;
  citizens: number;
  choices: number;
  refused: number;
  seconds: number;
  choicesPerSec: number;
}

export async function seedChoices({ citizens, mint, log }: { citizens: string[]; mint: Mint; log: Log }): Promise<Seeding> {
  const u = urls();
  const r = mulberry32(7);
  const orgs = providers();
  const plan = citizens.map((bsn) => ({ bsn, choices: choicesFor(r, orgs) }));
  const total = plan.reduce((s, p) => s + p.choices.length, 0);
  if (process.env.BENCH_SEED !== "api" && (await routeExists(`${u.consent}/dev/bulk-choices`, { method: "POST" }))) return seedInBulk({ plan, total, log });
  log(`· consent: recording ${total} choices for ${citizens.length} citizens through POST /v1/me/choices …`);
  const t0 = performance.now();
  let done = 0;
  let failed = 0;
  let lastLog = t0;
  await pool(plan, 48, async ({ bsn, choices }) => {
    const token = await mint({ role: "citizen", bsn });
    for (const choice of choices) {
      // One Idempotency-Key per choice, so a retry after a 503 (e.g. wrangler reloading) never records it twice.
      const headers = { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": `bench-${bsn}-${choices.indexOf(choice)}` };
      let res!: Response;
      for (let attempt = 0; attempt < 4; attempt++) {
        res = await fetch(`${u.consent}/v1/me/choices`, { method: "POST", headers, body: JSON.stringify(choice) });
        if (res.status !== 503) break;
        await res.arrayBuffer();
        await new Promise((r) => setTimeout(r, 500 * (attempt + 1)));
      }
      if (!res.ok) {
        failed++;
        if (failed <= 3) log(`  ! choice refused with ${res.status}: ${(await res.text()).slice(0, 200)}`);
        else await res.arrayBuffer();
      } else await res.arrayBuffer();
      done++;
    }
    if (performance.now() - lastLog > 15_000) {
      lastLog = performance.now();
      log(`  … ${done}/${total} choices`);
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  log(`  ${done - failed} choices recorded in ${seconds.toFixed(1)} s (${Math.round((done - failed) / seconds)}/s), ${failed} refused`);
  return {
    via: "POST /v1/me/choices",
    citizens: citizens.length,
    choices: done - failed,
    refused: failed,
    seconds: Math.round(seconds * 10) / 10,
    choicesPerSec: Math.round((done - failed) / seconds),
  };
}

async function seedInBulk({ plan, total, log }: { plan: { bsn: string; choices: Choice[] }[]; total: number; log: Log }): Promise<Seeding> {
  const u = urls();
  log(`· consent: recording ${total} choices for ${plan.length} citizens through POST /dev/bulk-choices …`);
  const t0 = performance.now();
  const batches: (typeof plan)[] = [];
  const size = Number(process.env.BENCH_BULK_BATCH ?? 250); // citizens per call
  for (let i = 0; i < plan.length; i += size) batches.push(plan.slice(i, i + size));
  let recorded = 0;
  await pool(batches, 2, async (batch) => {
    const body = JSON.stringify({ citizens: batch });
    const res = await fetch(`${u.consent}/dev/bulk-choices`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const text = await res.text();
    // no retry: after a 503 some of the batch's shards may have written their part
    if (!res.ok) throw new Error(`bulk seed answered ${res.status}: ${text.slice(0, 300)}`);
    recorded += (JSON.parse(text) as { choices: number }).choices;
  });
  const seconds = (performance.now() - t0) / 1000;
  log(`  ${recorded} choices recorded in ${seconds.toFixed(1)} s (${Math.round(recorded / seconds)}/s)`);
  return {
    via: "POST /dev/bulk-choices",
    citizens: plan.length,
    choices: recorded,
    refused: 0,
    seconds: Math.round(seconds * 10) / 10,
    choicesPerSec: Math.round(recorded / seconds),
  };
}

/**
 * What one shard object costs in memory: the consent worker's resident memory before and after every shard object
 * has been woken by one empty call (GET /dev/shard-ping?shard=N). Before the seed, so the objects hold no citizens.
 */
export interface ShardMemory {
  shards: number;
  rssStartBytes: number;
  rssAllShardsBytes: number;
  perShardBytes: number;
  rssAfterSeedBytes?: number;
  perCitizenBytes?: number;
  rssAfterLoadBytes?: number;
}

async function shardMemory(u: ReturnType<typeof urls>, pids: number[], log: Log): Promise<ShardMemory | null> {
  if (!pids.length) return null;
  const first = await fetch(`${u.consent}/dev/shard-ping?shard=0`);
  if (first.status !== 200) return null;
  const shards = ((await first.json()) as { of: number }).of;
  const rssStartBytes = rssBytes(pids);
  log(`· consent: waking all ${shards} shard objects to measure their memory`);
  await pool(
    Array.from({ length: shards }, (_, i) => i),
    8,
    async (i) => {
      const res = await fetch(`${u.consent}/dev/shard-ping?shard=${i}`);
      if (!res.ok) throw new Error(`shard-ping ${i} answered ${res.status}`);
      await res.arrayBuffer();
    },
  );
  const rssAllShardsBytes = rssBytes(pids);
  return { shards, rssStartBytes, rssAllShardsBytes, perShardBytes: Math.round((rssAllShardsBytes - rssStartBytes) / shards) };
}

/**
 * The questions the benchmark asks: 80% about citizens with choices, 20% about citizens without any, from 40
 * providers (requester = the token's URA), 3 data categories each; `checkRequests` cycles through them.
 */
export async function questions({ citizens, mint }: { citizens: string[]; mint: Mint }) {
  const orgs = providers();
  const tokens = new Map<string, string>();
  for (const org of orgs) tokens.set(org.ura, `Bearer ${await mint({ role: "provider", ...org })}`);
  const strangers = bsnSeries(2_000, 1);
  const r = mulberry32(11);
  const bodies = Array.from({ length: 20_000 }, () => {
    const requester = pick(r, orgs);
    const holder = pick(r, orgs);
    const bsn = r() < 0.8 ? pick(r, citizens) : pick(r, strangers);
    return {
      auth: tokens.get(requester.ura)!,
      body: JSON.stringify({
        patient: { bsn },
        holder: { ura: holder.ura, organizationType: holder.organizationType },
        requester,
        purpose: r() < 0.7 ? "TREAT" : "COC",
        dataCategories: DATA_CATEGORIES,
      }),
    };
  });
  let i = 0;
  const checkRequests: LoadRequest[] = [
    {
      method: "POST",
      path: "/v1/consent-check",
      setupRequest: (req) => {
        const b = bodies[i++ % bodies.length]!;
        return { ...req, headers: { ...req.headers, authorization: b.auth, "content-type": "application/json" }, body: b.body };
      },
    },
  ];
  return { bodies, checkRequests, orgs };
}

export async function run({ mint, log, stack }: { mint: Mint; log: Log; stack?: BenchStack }) {
  const u = urls();
  const checkUrl = `${u.consent}/v1/consent-check`;
  if (!(await routeExists(checkUrl, { method: "POST" }))) return { available: false as const, reason: "POST /v1/consent-check does not exist yet" };
  if (!(await routeExists(`${u.consent}/v1/me/choices`, { method: "POST" })))
    return { available: false as const, reason: "POST /v1/me/choices does not exist yet (needed to seed)" };

  const consentChild = stack?.children.find((c) => c.appName === "consent");
  const pids = consentChild ? workerdPids(consentChild) : [];
  const memory = await shardMemory(u, pids, log);

  const citizens = bsnSeries(CITIZENS, 0);
  const seeding = await seedChoices({ citizens, mint, log });
  if (memory) {
    memory.rssAfterSeedBytes = rssBytes(pids);
    memory.perCitizenBytes = Math.round((memory.rssAfterSeedBytes - memory.rssAllShardsBytes) / citizens.length);
  }

  const { bodies, checkRequests, orgs } = await questions({ citizens, mint });
  const sample = await expectOk<{ decisions?: unknown[] }>(checkUrl, {
    method: "POST",
    headers: { authorization: bodies[0]!.auth, "content-type": "application/json" },
    body: bodies[0]!.body,
  });
  if (!Array.isArray(sample.decisions) || sample.decisions.length !== 3)
    throw new Error(`consent check answered an unexpected shape: ${JSON.stringify(sample).slice(0, 200)}`);
  // the middle baseline: one empty round trip to a shard object (development-only route)
  const hasPing = (await fetch(`${u.consent}/dev/shard-ping`).then((r) => r.status)) === 200;

  // CPU time of the consent worker's workerd processes per request: the cost split that does not depend on how
  // the two cores are shared with the load generator
  const measured = (connections: number, requests: LoadRequest[]) => measure({ url: u.consent, connections, requests, cpuPids: pids });

  const rows: { connections: number; empty: Measurement; shardPing: Measurement | null; check: Measurement; ratio: number | null }[] = [];
  for (const connections of CONNECTIONS) {
    log(`· consent: ${connections} connection(s): /health, ${hasPing ? "/dev/shard-ping, " : ""}then /v1/consent-check`);
    const empty = await measured(connections, [{ method: "GET", path: "/health" }]);
    const shardPing = hasPing ? await measured(connections, [{ method: "GET", path: "/dev/shard-ping" }]) : null;
    const check = await measured(connections, checkRequests);
    rows.push({ connections, empty, shardPing, check, ratio: empty.reqPerSec ? Math.round((check.reqPerSec / empty.reqPerSec) * 100) / 100 : null });
  }
  const at16 = rows.find((row) => row.connections === 16);
  if (memory) memory.rssAfterLoadBytes = rssBytes(pids);
  return {
    available: true as const,
    seeding,
    memory,
    questions: { distinctBodies: bodies.length, dataCategoriesPerQuestion: 3, patientsWithChoicesShare: 0.8, providers: orgs.length },
    rows,
    target: {
      description: "consent check at 16 connections ≥ 60% of the empty route's req/s",
      met: at16 ? (at16.ratio ?? 0) >= 0.6 && at16.check.non2xx === 0 : null,
      ratioAt16: at16?.ratio ?? null,
    },
  };
}
