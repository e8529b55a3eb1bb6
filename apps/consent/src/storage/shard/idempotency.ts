/** Idempotency keys of a shard: the stored response of the first successful write with a key, replayed for repeats. */
import type { ShardResult } from "./result";

export class IdempotencyKeys {
  constructor(private readonly sql: SqlStorage) {}

  /** The response stored for this key, if a write with it succeeded before. */
  prior<T>(key: string | undefined): ShardResult<T> | undefined {
    if (!key) return undefined;
    const row = this.sql.exec<{ response: string }>("SELECT response FROM idempotency WHERE key = ?", key).toArray()[0];
    return row ? (JSON.parse(row.response) as ShardResult<T>) : undefined;
  }

  /** Stores a successful response under the key (inside the write's transaction). */
  remember<T>(key: string | undefined, result: ShardResult<T>, now: number): void {
    if (key && result.ok) this.sql.exec("INSERT INTO idempotency (key, response, created_at) VALUES (?, ?, ?)", key, JSON.stringify(result), now);
  }
}
