/**
 * D1's `provider_subscriptions` (migration 0020): a provider's subscriptions across every shard, and their delivery
 * state. Rows come from the shards' outboxes (./directory.ts, kind "subscription"); the push consumer writes the
 * delivery state (../push/consumer.ts).
 */
import type { Subscription } from "@regie/shared/contracts/consent";
import { subscriptionJson, type SubscriptionColumns } from "./subscription-json";

export interface SubscriptionRecord extends SubscriptionColumns {
  citizen: string;
  patient_sealed: string | null;
  status: "active" | "error" | "off";
  last_error: string | null;
  last_error_at: number | null;
  last_delivered_at: number | null;
  updated_at: number;
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function toJsonSubscription(r: SubscriptionRecord): Subscription {
  return {
    ...subscriptionJson(r, r.status),
    lastError: r.last_error && r.last_error_at !== null ? { message: r.last_error, at: iso(r.last_error_at)! } : null,
    lastDeliveredAt: iso(r.last_delivered_at),
  };
}

/** One subscription of this provider (not one that was removed). */
export async function subscriptionOf(db: D1Database, ura: string, id: string): Promise<SubscriptionRecord | null> {
  return db.prepare("SELECT * FROM provider_subscriptions WHERE id = ? AND ura = ? AND status != 'off'").bind(id, ura).first<SubscriptionRecord>();
}

/** A page of this provider's subscriptions in id order (keyset: ids after `cursor`); `next` is the cursor of the next page. */
export async function subscriptionsOf(
  db: D1Database,
  ura: string,
  page: { limit?: number; cursor?: string },
): Promise<{ items: SubscriptionRecord[]; next: string | null }> {
  const limit = page.limit ?? 100;
  const { results } = await db
    .prepare("SELECT * FROM provider_subscriptions WHERE ura = ? AND status != 'off' AND id > ? ORDER BY id LIMIT ?")
    .bind(ura, page.cursor ?? "", limit + 1)
    .all<SubscriptionRecord>();
  const items = results.slice(0, limit);
  return { items, next: results.length > limit ? items.at(-1)!.id : null };
}

/** The delivery state the consumer needs before it calls an endpoint: is the subscription still on? */
export async function deliveryTarget(db: D1Database, id: string): Promise<Pick<SubscriptionRecord, "status" | "endpoint"> | null> {
  return db.prepare("SELECT status, endpoint FROM provider_subscriptions WHERE id = ?").bind(id).first();
}

export async function recordDelivered(db: D1Database, id: string, at: number): Promise<void> {
  await db.prepare("UPDATE provider_subscriptions SET status = 'active', last_delivered_at = ?2 WHERE id = ?1 AND status != 'off'").bind(id, at).run();
}

export async function recordFailure(db: D1Database, id: string, message: string, at: number, gaveUp: boolean): Promise<void> {
  await db
    .prepare(`UPDATE provider_subscriptions SET last_error = ?2, last_error_at = ?3${gaveUp ? ", status = 'error'" : ""} WHERE id = ?1 AND status != 'off'`)
    .bind(id, message.slice(0, 500), at)
    .run();
}
