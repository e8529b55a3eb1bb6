/**
 * The shard count can never silently strand data. SHARD_COUNT decides which ConsentShard object (`shard-N`) holds a
 * citizen; started with another value on a populated store, the worker would look for most citizens in the wrong
 * object (answers from an empty shard, consent checks logged in the wrong chain). So the count is recorded on first
 * use, in two places, and every shard operation with another count is refused with a 503 problem+json naming both:
 *
 * - with ENVIRONMENT=production, only PRODUCTION_SHARD_COUNT is accepted at all;
 * - in D1 (`deployment_settings`, migration 0003): `INSERT OR IGNORE` the count, read it back; checked once per isolate
 *   and per count value, cached after a match (the hot path then costs one string comparison);
 * - in each shard object's own SQLite (`shard_settings`), on its first use: the object records its number and the
 *   count, and refuses a call that carries another count. This catches an isolate whose D1 check was skipped, or a
 *   version of the worker with other settings running beside this one during a gradual deployment.
 */
import { ApiError } from "@regie/shared";
import { PRODUCTION_SHARD_COUNT } from "../config";

export { PRODUCTION_SHARD_COUNT };

/** Marks the message of an Error a shard object throws for a refused count, so the worker can tell it apart. */
export const SHARD_COUNT_REFUSED = "SHARD_COUNT refused: ";

/** The count from configuration, or a 503 when it is not a positive integer (at most 2^32: shardOf reads 32 bits). */
export function parseShardCount(raw: string | undefined): number {
  const text = String(raw ?? "").trim();
  const n = /^[1-9][0-9]{0,9}$/.test(text) ? Number(text) : NaN;
  if (!(n >= 1 && n <= 2 ** 32)) {
    throw new ApiError(
      "MISCONFIGURED",
      `SHARD_COUNT must be a positive integer (at most 4294967296), but it is ${JSON.stringify(raw ?? null)}; no shard operation runs until it is set to the value this store was created with.`,
    );
  }
  return n;
}

export function mismatchDetail(configured: number | string, recorded: number | string, where: string): string {
  return `SHARD_COUNT is ${configured} but ${where} was created with ${recorded}; every citizen's data is placed by that count, so no shard operation runs (reads included). Start the worker with SHARD_COUNT=${recorded}; changing the count needs a data migration.`;
}

/** The count values this isolate has confirmed against D1 (in practice one). */
const confirmed = new Set<string>();

/** Forgets what this isolate confirmed (tests: storage is fresh per test file, the isolate may not be). */
export function forgetConfirmedShardCounts(): void {
  confirmed.clear();
}

/**
 * Resolves when SHARD_COUNT is the count recorded in D1 (recording it when the store is new); throws an ApiError
 * (503 MISCONFIGURED) otherwise. Returns undefined without touching D1 once this isolate confirmed the value.
 */
export function ensureShardCount(env: ShardCountEnv): Promise<number> | undefined {
  if (confirmed.has(env.SHARD_COUNT)) return undefined;
  return checkInD1(env);
}

interface ShardCountEnv {
  SHARD_COUNT: string;
  DB: D1Database;
  ENVIRONMENT?: string;
}

async function checkInD1(env: ShardCountEnv): Promise<number> {
  const count = parseShardCount(env.SHARD_COUNT);
  // production's count is fixed in code, so a mistyped value is refused before it could ever be recorded
  if (env.ENVIRONMENT === "production" && count !== PRODUCTION_SHARD_COUNT) {
    throw new ApiError(
      "MISCONFIGURED",
      `SHARD_COUNT is ${count} but production runs with ${PRODUCTION_SHARD_COUNT} shard objects (fixed from day one, docs/consent.md); no shard operation runs until SHARD_COUNT=${PRODUCTION_SHARD_COUNT}.`,
    );
  }
  const [, read] = await env.DB.batch<{ value: string }>([
    env.DB.prepare("INSERT OR IGNORE INTO deployment_settings (key, value) VALUES ('shard_count', ?)").bind(String(count)),
    env.DB.prepare("SELECT value FROM deployment_settings WHERE key = 'shard_count'"),
  ]);
  const recorded = read?.results[0]?.value;
  if (recorded !== String(count)) throw new ApiError("MISCONFIGURED", mismatchDetail(count, recorded ?? "(nothing)", "this store"));
  confirmed.add(env.SHARD_COUNT);
  return count;
}

/** Where the worker placed a call: the object's number and the count that chose it. */
export interface Placement {
  shard: number;
  of: number;
}

/**
 * The shard object's side (pure over its SQLite): records `{shard, of}` on first use and says whether a call's
 * placement agrees. An object that already holds citizens but has no record (created before this check) adopts the
 * count only if those citizens sit where that count puts them. Returns null when the call may go on, else the detail.
 */
export function checkPlacement(sql: SqlStorage, p: Placement, placeOf: (citizen: string, count: number) => number): string | null {
  const rows = sql.exec<{ key: string; value: string }>("SELECT key, value FROM shard_settings WHERE key IN ('shard_count', 'shard_number')").toArray();
  const recorded = new Map(rows.map((r) => [r.key, r.value]));
  if (!recorded.has("shard_count")) {
    const sample = sql.exec<{ citizen: string }>("SELECT DISTINCT citizen FROM (SELECT citizen FROM access_log ORDER BY seq LIMIT 64)").toArray();
    const stray = sample.find((r) => placeOf(r.citizen, p.of) !== p.shard);
    if (stray)
      return `SHARD_COUNT is ${p.of} but this shard object (shard-${p.shard}) holds citizens placed by another count; no shard operation runs. Start the worker with the SHARD_COUNT this store was created with.`;
    sql.exec("INSERT OR IGNORE INTO shard_settings (key, value) VALUES ('shard_count', ?), ('shard_number', ?)", String(p.of), String(p.shard));
    return checkPlacement(sql, p, placeOf);
  }
  if (recorded.get("shard_count") !== String(p.of))
    return mismatchDetail(p.of, recorded.get("shard_count")!, `this shard object (shard-${recorded.get("shard_number")})`);
  if (recorded.get("shard_number") !== String(p.shard))
    return `This shard object is shard-${recorded.get("shard_number")}, but the worker addressed it as shard-${p.shard}; no shard operation runs.`;
  return null;
}
