/** Worker side of the shards: which object owns a citizen, and calling it with failures mapped to HTTP. */
import { ApiError, errorFields, logger, shardOf } from "@regie/shared";
import { pseudonymiserFor } from "../citizens/fast-pseudonym";
import type { Bindings } from "../env";
import { SHARD_OPERATIONS, type ConsentShard, type ShardOperation, type ShardResult } from "./shard";
import { ensureShardCount, parseShardCount, SHARD_COUNT_REFUSED, type Placement } from "./shard-count";

/** Object ids per shard number (ids may be reused across requests; stubs may not). */
const ids = new Map<string, DurableObjectId>();

/** The last SHARD_COUNT string parsed (one per deployment in practice). */
let parsed: { raw: string; count: number } | undefined;
function shardCount(env: Bindings): number {
  if (parsed?.raw !== env.SHARD_COUNT) parsed = { raw: env.SHARD_COUNT, count: parseShardCount(env.SHARD_COUNT) };
  return parsed.count;
}

/** The number and raw stub of the object that holds a citizen (no checks: tests and operations only). */
function locate(env: Bindings, pseudonym: string): { placement: Placement; stub: DurableObjectStub<ConsentShard> } {
  const of = shardCount(env);
  const shard = shardOf(pseudonym, of);
  const name = "shard-" + shard;
  let id = ids.get(name);
  if (!id) ids.set(name, (id = env.SHARDS.idFromName(name)));
  return { placement: { shard, of }, stub: env.SHARDS.get(id) };
}

/**
 * The citizen's shard as the worker calls it: the shard operations, each checked before it runs (./shard-count.ts):
 * SHARD_COUNT against the count recorded in D1 (once per isolate), and against the one the object recorded (every
 * call, by the object). A refusal is a 503 MISCONFIGURED problem naming both counts; nothing is read or written.
 */
export type ShardClient = Pick<DurableObjectStub<ConsentShard>, ShardOperation> & { readonly id: DurableObjectId };

class GuardedShard {
  constructor(
    private readonly env: Bindings,
    private readonly stub: DurableObjectStub<ConsentShard>,
    private readonly placement: Placement,
  ) {}
  get id(): DurableObjectId {
    return this.stub.id;
  }
  invoke(op: ShardOperation, args: unknown[]): unknown {
    const pending = ensureShardCount(this.env);
    // confirmed in this isolate: straight to the object (no extra await on the hot path)
    if (!pending) return this.stub.run(this.placement, op, args);
    return pending.then(() => this.stub.run(this.placement, op, args));
  }
}
for (const op of SHARD_OPERATIONS) {
  Object.defineProperty(GuardedShard.prototype, op, {
    value(this: GuardedShard, ...args: unknown[]) {
      return this.invoke(op, args);
    },
  });
}

export function shardStub(env: Bindings, pseudonym: string): ShardClient {
  const { placement, stub } = locate(env, pseudonym);
  return new GuardedShard(env, stub, placement) as unknown as ShardClient;
}

/** The raw object stub of a citizen's shard, unchecked: for runInDurableObject in tests and for operations. */
export function shardObject(env: Bindings, pseudonym: string): DurableObjectStub<ConsentShard> {
  return locate(env, pseudonym).stub;
}

/** The citizen's pseudonym (same as `pseudonymise`, computed synchronously) and the stub of their shard. */
export async function citizenShard(env: Bindings, bsn: string) {
  const pseudonym = pseudonymiserFor(env.PSEUDONYM_KEY)(bsn);
  return { pseudonym, stub: shardStub(env, pseudonym) };
}

/**
 * Awaits a shard call. An infrastructure failure (object or storage unavailable, transaction rolled back) becomes a
 * retryable 503 problem+json: the object wrote nothing in that case. A shard count the object refused becomes a 503
 * MISCONFIGURED with the object's detail (not retryable: the configuration must change).
 */
export async function callShard<P>(p: P): Promise<Awaited<P>> {
  // P, not Promise<T>: an RPC stub's method returning a union (ShardResult) is typed as a union of promises
  try {
    return await p;
  } catch (err) {
    if (err instanceof ApiError) throw err;
    const message = String((err as Error)?.message ?? "");
    const refused = message.indexOf(SHARD_COUNT_REFUSED);
    if (refused >= 0) throw new ApiError("MISCONFIGURED", message.slice(refused + SHARD_COUNT_REFUSED.length));
    logger.error("shard call failed", errorFields(err));
    throw new ApiError("SERVICE_UNAVAILABLE", "The consent store is temporarily unavailable; nothing was changed. Retry the request.", {
      headers: { "retry-after": "1" },
    });
  }
}

/** Unwraps an expected-failure result into an ApiError. */
export function unwrap<T>(r: ShardResult<T>): T {
  if (!r.ok) throw new ApiError(r.code, r.detail);
  return r.value;
}
