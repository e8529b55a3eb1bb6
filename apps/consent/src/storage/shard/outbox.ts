/**
 * The shard's outbox to D1: a change D1 must know (secondary-use opt-out, provider notification) is enqueued in the
 * write's own transaction and pushed to D1 after it commits. When D1 fails the rows stay, and an alarm retries with
 * backoff (500 ms doubling, at most a minute).
 */
import { outboxStatements, type OutboxMessage } from "../directory";
import type { ShardSeams } from "./seams";

/** Rows pushed to D1 in one batch. */
const FLUSH_ROWS = 50;

export class Outbox {
  constructor(
    private readonly storage: DurableObjectStorage,
    private readonly seams: ShardSeams,
  ) {}

  enqueue(m: OutboxMessage): void {
    this.storage.sql.exec("INSERT INTO outbox (payload, created_at) VALUES (?, ?)", JSON.stringify(m), this.seams.clock.now());
  }

  /** Number of undelivered rows. */
  size(): number {
    return this.storage.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }

  /** Pushes pending rows to D1; on failure keeps them and sets the retry alarm. True when empty. */
  async flush(): Promise<boolean> {
    const sql = this.storage.sql;
    const rows = sql.exec<{ id: number; payload: string }>("SELECT id, payload FROM outbox ORDER BY id LIMIT ?", FLUSH_ROWS).toArray();
    if (rows.length === 0) return true;
    const ids = JSON.stringify(rows.map((r) => r.id));
    const db = this.seams.d1();
    try {
      await db.batch(rows.flatMap((r) => outboxStatements(db, JSON.parse(r.payload) as OutboxMessage)));
    } catch {
      sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE id IN (SELECT value FROM json_each(?))", ids);
      const attempts = sql.exec<{ a: number }>("SELECT max(attempts) AS a FROM outbox").one().a;
      // the alarm is real time, whatever the shard's clock says
      await this.storage.setAlarm(Date.now() + Math.min(60_000, 500 * 2 ** Math.min(attempts, 7)));
      return false;
    }
    sql.exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", ids);
    return this.size() > 0 ? this.flush() : true;
  }

  /** After a write committed: delivers what it enqueued (if anything is pending). */
  async flushIfPending(): Promise<void> {
    if (this.size() > 0) await this.flush();
  }
}
