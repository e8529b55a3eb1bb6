/**
 * How every write of a shard runs: one synchronous transaction (serialised by the object) holding the operation's
 * rows, notifications, log entry, outbox row and idempotency record — all or nothing. A repeated idempotency key
 * replays the stored response without running anything. On any failure SQLite rolls back and the in-memory state of
 * the citizens involved is dropped (reloaded from storage on next use), so nothing is half-written.
 */
import type { ChoiceCache } from "../choice-cache";
import type { AccessLogWriter } from "../access-log";
import type { IdempotencyKeys } from "./idempotency";
import type { ShardResult } from "./result";
import type { ShardSeams } from "./seams";

export class Writes {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly seams: ShardSeams,
    private readonly memory: { choices: ChoiceCache; log: AccessLogWriter },
    private readonly idempotency: IdempotencyKeys,
  ) {}

  /** Runs `fn` atomically for these citizens; an error result commits too (e.g. a logged wrong confirmation code). */
  run<T>(citizens: string | readonly string[], idempotencyKey: string | undefined, fn: () => ShardResult<T>): ShardResult<T> {
    const prior = this.idempotency.prior<T>(idempotencyKey);
    if (prior) return prior;
    try {
      return this.storage.transactionSync(() => {
        const result = fn();
        this.seams.faults.beforeCommit();
        this.idempotency.remember(idempotencyKey, result, this.seams.clock.now());
        return result;
      });
    } catch (err) {
      for (const c of typeof citizens === "string" ? [citizens] : citizens) {
        this.memory.choices.drop(c);
        this.memory.log.forget(c);
      }
      throw err;
    }
  }
}
