/**
 * The shard's outbox: a change the world outside the object must learn (to D1: secondary-use opt-out, provider
 * notification, a subscription's listing; to the push queue: a subscriber's notification) is enqueued in the write's
 * own transaction and delivered after it commits, so a write never waits for a subscriber and nothing is lost. When
 * D1 or the queue fails the rows stay, and an alarm retries with backoff (500 ms doubling, at most a minute).
 *
 * Order: the oldest 50 rows are taken together; their D1 rows are written first (one batch), then their push messages
 * are sent (sendBatch, ≤ 50 messages and ≤ 128 KB each: ../../push/message.ts). A subscription's D1 row is therefore
 * always there before a notification for it can be consumed, and a removal reaches D1 no later than the pushes before it.
 */
import { outboxStatements, type D1OutboxMessage, type OutboxMessage } from "../directory";
import { sendBatches, type PushMessage } from "../../push/message";
import type { ShardSeams } from "./seams";

/** Rows delivered in one round. */
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

  /** Delivers pending rows; on failure keeps what was not delivered and sets the retry alarm. True when empty. */
  async flush(): Promise<boolean> {
    const sql = this.storage.sql;
    const rows = sql.exec<{ id: number; payload: string }>("SELECT id, payload FROM outbox ORDER BY id LIMIT ?", FLUSH_ROWS).toArray();
    if (rows.length === 0) return true;
    const parsed = rows.map((r) => ({ id: r.id, m: JSON.parse(r.payload) as OutboxMessage }));
    const toD1 = parsed.filter((r): r is { id: number; m: D1OutboxMessage } => r.m.kind !== "push");
    const toQueue = parsed.filter((r): r is { id: number; m: { kind: "push"; message: PushMessage } } => r.m.kind === "push");
    try {
      if (toD1.length) {
        const db = this.seams.d1();
        await db.batch(toD1.flatMap((r) => outboxStatements(db, r.m)));
        this.remove(toD1.map((r) => r.id));
      }
      for (const group of sendBatches(toQueue)) {
        await this.seams.queue().sendBatch(group.map((r) => ({ body: r.m.message, contentType: "json" as const })));
        this.remove(group.map((r) => r.id));
      }
    } catch {
      const left = JSON.stringify(rows.map((r) => r.id));
      sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE id IN (SELECT value FROM json_each(?))", left);
      const attempts = sql.exec<{ a: number | null }>("SELECT max(attempts) AS a FROM outbox").one().a ?? 0;
      // the alarm is real time, whatever the shard's clock says
      await this.storage.setAlarm(Date.now() + Math.min(60_000, 500 * 2 ** Math.min(attempts, 7)));
      return false;
    }
    return this.size() > 0 ? this.flush() : true;
  }

  private remove(ids: number[]): void {
    this.storage.sql.exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(ids));
  }

  /** After a write committed: delivers what it enqueued (if anything is pending). */
  async flushIfPending(): Promise<void> {
    if (this.size() > 0) await this.flush();
  }
}
