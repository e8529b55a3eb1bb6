/** A subscription's JSON form from the columns the shard's `subscriptions` and D1's `provider_subscriptions` share. */
import type { Subscription } from "@regie/shared/contracts/consent";

// a type, not an interface: SqlStorage rows must be Record<string, SqlStorageValue>
export type SubscriptionColumns = {
  id: string;
  ura: string;
  organization_type: string;
  data_categories: string;
  created_at: number;
  endpoint: string | null;
  header_names: string | null;
};

/** The subscription with `status`; the delivery state (D1's) is the caller's to add. */
export function subscriptionJson(r: SubscriptionColumns, status: NonNullable<Subscription["status"]>): Subscription {
  return {
    id: r.id,
    ura: r.ura,
    organizationType: r.organization_type,
    dataCategories: JSON.parse(r.data_categories) as string[],
    createdAt: new Date(r.created_at).toISOString(),
    status,
    channel: r.endpoint ? { type: "rest-hook", endpoint: r.endpoint, headers: r.header_names ? (JSON.parse(r.header_names) as string[]) : [] } : null,
  };
}
