/**
 * Provider subscriptions ("I hold data about this patient"): one per organisation and citizen. They say which holders
 * a locate asks about, and subscribed holders learn through the outbox when the citizen's consent changes.
 */
import { DATA_CATEGORIES } from "@regie/shared";
import type { Subscription } from "@regie/shared/contracts/consent";
import type { AccessLogWriter } from "../access-log";
import type { Outbox } from "./outbox";
import { ok, type ProviderActor, type ShardResult } from "./result";
import type { Clock } from "./seams";

export const ALL_CATEGORIES = DATA_CATEGORIES.map((c) => c.code);

export type SubscriptionRow = {
  id: string;
  ura: string;
  organization_type: string;
  data_categories: string;
  created_at: number;
};

function toSubscription(r: SubscriptionRow): Subscription {
  return { id: r.id, ura: r.ura, organizationType: r.organization_type, dataCategories: JSON.parse(r.data_categories) as string[], createdAt: new Date(r.created_at).toISOString() };
}

export class Subscriptions {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
    private readonly outbox: Outbox,
    private readonly log: AccessLogWriter,
  ) {}

  /** Inside a write: subscribes the provider, or returns its existing subscription (`created: false`). */
  subscribe(citizen: string, actor: ProviderActor, dataCategories: string[] | undefined): ShardResult<{ created: boolean; subscription: Subscription }> {
    const existing = this.sql.exec<SubscriptionRow>("SELECT * FROM subscriptions WHERE citizen = ? AND ura = ?", citizen, actor.ura).toArray()[0];
    if (existing) return ok({ created: false, subscription: toSubscription(existing) });
    const row: SubscriptionRow = { id: crypto.randomUUID(), ura: actor.ura, organization_type: actor.organizationType, data_categories: JSON.stringify(dataCategories ?? ALL_CATEGORIES), created_at: this.clock().now() };
    this.sql.exec("INSERT INTO subscriptions (id, citizen, ura, organization_type, data_categories, created_at) VALUES (?, ?, ?, ?, ?, ?)", row.id, citizen, row.ura, row.organization_type, row.data_categories, row.created_at);
    this.log.log(citizen, actor, { action: "subscription", outcome: "subscribed", dataCategories: dataCategories ?? ALL_CATEGORIES });
    return ok({ created: true, subscription: toSubscription(row) });
  }

  /** The citizen's subscriptions, oldest first. */
  ofCitizen(citizen: string): SubscriptionRow[] {
    return this.sql.exec<SubscriptionRow>("SELECT id, ura, organization_type, data_categories, created_at FROM subscriptions WHERE citizen = ? ORDER BY created_at", citizen).toArray();
  }

  /** Subscribed holders (but `except`, who made the change) learn that this citizen's consent changed. */
  notifyChanged(citizen: string, except?: string): void {
    const subs = this.sql.exec<{ id: string; ura: string }>("SELECT id, ura FROM subscriptions WHERE citizen = ?", citizen).toArray();
    const at = this.clock().now();
    for (const s of subs) {
      if (s.ura === except) continue;
      this.outbox.enqueue({ kind: "provider-notification", id: crypto.randomUUID(), ura: s.ura, subscriptionId: s.id, message: `The consent choices of the patient of subscription ${s.id} changed`, at });
    }
  }
}
