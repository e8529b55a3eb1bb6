/** Worker side of the shards: which object owns a citizen, and calling it with failures mapped to HTTP. */
import { ApiError, shardOf } from "@regie/shared";
import { pseudonymiserFor } from "../citizens/fast-pseudonym";
import type { Bindings } from "../env";
import type { ShardResult } from "./shard";

/** Object ids per shard number (ids may be reused across requests; stubs may not). */
const ids = new Map<string, DurableObjectId>();

export function shardStub(env: Bindings, pseudonym: string) {
  const name = "shard-" + shardOf(pseudonym, Number(env.SHARD_COUNT));
  let id = ids.get(name);
  if (!id) ids.set(name, (id = env.SHARDS.idFromName(name)));
  return env.SHARDS.get(id);
}

/** The citizen's pseudonym (same as `pseudonymise`, computed synchronously) and the stub of their shard. */
export async function citizenShard(env: Bindings, bsn: string) {
  const pseudonym = pseudonymiserFor(env.PSEUDONYM_KEY)(bsn);
  return { pseudonym, stub: shardStub(env, pseudonym) };
}

/**
 * Awaits a shard call. An infrastructure failure (object or storage unavailable, transaction rolled back) becomes a
 * retryable 503 problem+json: the object wrote nothing in that case.
 */
export async function callShard<T>(p: Promise<T> | T): Promise<T> {
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    console.error(JSON.stringify({ level: "error", msg: "shard call failed", error: (err as Error)?.name, message: String((err as Error)?.message ?? "").replace(/\d{9}/g, "[redacted]") }));
    throw new ApiError("SERVICE_UNAVAILABLE", "The consent store is temporarily unavailable; nothing was changed. Retry the request.", { headers: { "retry-after": "1" } });
  }
}

/** Unwraps an expected-failure result into an ApiError. */
export function unwrap<T>(r: { ok: boolean; value?: T; code?: ShardResult<T>["code"]; detail?: string }): T {
  if (!r.ok) throw new ApiError(r.code ?? "INTERNAL", r.detail);
  return r.value as T;
}
