/**
 * The shard's dependencies on the world outside its own SQLite, injected instead of reached for: the clock, the D1
 * database and the push queue the outbox delivers to, a fault seam just before a write commits, and the schema migrations to apply.
 *
 * Production passes nothing and gets `productionSeams(env)`. Tests replace a seam on a live object, e.g.
 * `runInDurableObject(stub, (shard) => { shard.seams.clock = ... })` (helpers in test/shard-seams.ts), or construct an
 * object over existing storage with their own migrations: `new ConsentShard(state, env, { migrations })`.
 * The modules read `seams.x` at call time, so a replaced seam takes effect on the next call.
 */
import { SHARD_MIGRATIONS, type Migration } from "./migrations";

/** Milliseconds since the epoch, as the shard sees them (expiry of choices, codes and temporary consents). */
export interface Clock {
  now(): number;
}

/** Called inside every write's transaction after its work and before it commits; throwing rolls the write back. */
export interface StorageFaults {
  beforeCommit(): void;
}

export interface ShardSeams {
  clock: Clock;
  /** The D1 database the outbox delivers to. */
  d1: () => D1Database;
  /** The queue the outbox sends push notifications to (../../push/consumer.ts consumes it). */
  queue: () => Queue;
  faults: StorageFaults;
  /** Applied in order at construction (./migrations.ts); only read by the constructor. */
  migrations: readonly Migration[];
}

export const systemClock: Clock = { now: () => Date.now() };

export const noFaults: StorageFaults = { beforeCommit() {} };

export function productionSeams(env: { DB: D1Database; PUSH_QUEUE: Queue }): ShardSeams {
  return { clock: systemClock, d1: () => env.DB, queue: () => env.PUSH_QUEUE, faults: noFaults, migrations: SHARD_MIGRATIONS };
}
