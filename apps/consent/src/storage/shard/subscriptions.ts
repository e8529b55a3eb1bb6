/**
 * Provider subscriptions ("I hold data about this patient"): one per organisation and citizen. They say which holders
 * a locate asks about; subscribed holders learn through the outbox when the citizen's consent changes (a notification
 * row in D1 for everyone, and a push to the rest-hook of those with a channel, ../../push/). The subscription's listing
 * across shards (GET /v1/subscriptions, GET /fhir/Subscription) is D1's `provider_subscriptions`, fed from here.
 */
import { categoryOf, DATA_CATEGORIES } from "@regie/shared";
import type { Subscription } from "@regie/shared/contracts/consent";
import { partyMatches } from "../../decision/evaluate";
import type { PushMessage } from "../../push/message";
import { splitBySize } from "../../push/message";
import type { AccessLogWriter } from "../access-log";
import { subscriptionJson, type SubscriptionColumns } from "../subscription-json";
import { toChoice, type ChoiceRow } from "../choice-rows";
import type { Outbox } from "./outbox";
import { fail, ok, type ProviderActor, type ShardResult } from "./result";
import type { Clock } from "./seams";

export const ALL_CATEGORIES = DATA_CATEGORIES.map((c) => c.code);

export type SubscriptionRow = SubscriptionColumns & { headers_sealed: string | null; patient_sealed: string | null };

/** A push channel as the worker hands it to the shard: the endpoint was checked, the headers sealed. */
export interface SealedChannel {
  endpoint: string;
  headersSealed: string | null;
  headerNames: string[];
}

export interface SubscribeOptions {
  dataCategories?: string[];
  /** The patient's BSN sealed by the worker (../../push/sealed.ts): needed to build a notification's Patient (null: no push possible). */
  patientSealed: string | null;
  channel?: SealedChannel;
}

const toSubscription = (r: SubscriptionRow): Subscription => subscriptionJson(r, "active");

export class Subscriptions {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
    private readonly outbox: Outbox,
    private readonly log: AccessLogWriter,
  ) {}

  /**
   * Inside a write: subscribes the provider, or returns its existing subscription (`created: false`). An existing
   * subscription without a push channel gets the one asked for (`created: true`: it is new as a push subscription).
   */
  subscribe(citizen: string, actor: ProviderActor, opts: SubscribeOptions): ShardResult<{ created: boolean; subscription: Subscription }> {
    const existing = this.sql.exec<SubscriptionRow>("SELECT * FROM subscriptions WHERE citizen = ? AND ura = ?", citizen, actor.ura).toArray()[0];
    const now = this.clock().now();
    if (existing && (existing.endpoint || !opts.channel)) return ok({ created: false, subscription: toSubscription(existing) });
    const row: SubscriptionRow = existing
      ? {
          ...existing,
          endpoint: opts.channel!.endpoint,
          headers_sealed: opts.channel!.headersSealed,
          header_names: JSON.stringify(opts.channel!.headerNames),
          patient_sealed: opts.patientSealed,
        }
      : {
          id: crypto.randomUUID(),
          ura: actor.ura,
          organization_type: actor.organizationType,
          data_categories: JSON.stringify(opts.dataCategories ?? ALL_CATEGORIES),
          created_at: now,
          endpoint: opts.channel?.endpoint ?? null,
          headers_sealed: opts.channel?.headersSealed ?? null,
          header_names: opts.channel ? JSON.stringify(opts.channel.headerNames) : null,
          patient_sealed: opts.patientSealed,
        };
    this.sql.exec(
      `INSERT INTO subscriptions (id, citizen, ura, organization_type, data_categories, created_at, endpoint, headers_sealed, header_names, patient_sealed) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (id) DO UPDATE SET endpoint = excluded.endpoint, headers_sealed = excluded.headers_sealed, header_names = excluded.header_names, patient_sealed = excluded.patient_sealed`,
      row.id,
      citizen,
      row.ura,
      row.organization_type,
      row.data_categories,
      row.created_at,
      row.endpoint,
      row.headers_sealed,
      row.header_names,
      row.patient_sealed,
    );
    this.outbox.enqueue({
      kind: "subscription",
      id: row.id,
      ura: row.ura,
      organizationType: row.organization_type,
      citizen,
      patientSealed: row.patient_sealed,
      dataCategories: JSON.parse(row.data_categories) as string[],
      endpoint: row.endpoint,
      headerNames: row.header_names ? (JSON.parse(row.header_names) as string[]) : [],
      createdAt: row.created_at,
      at: now,
    });
    this.log.log(citizen, actor, {
      action: "subscription",
      outcome: existing ? "channel-added" : "subscribed",
      dataCategories: JSON.parse(row.data_categories) as string[],
    });
    return ok({ created: true, subscription: toSubscription(row) });
  }

  /** Inside a write: the provider ends its own subscription (no notification is sent for it afterwards). */
  unsubscribe(citizen: string, id: string, actor: ProviderActor): ShardResult<{ id: string }> {
    const row = this.sql.exec<SubscriptionRow>("SELECT * FROM subscriptions WHERE citizen = ? AND id = ? AND ura = ?", citizen, id, actor.ura).toArray()[0];
    if (!row) return fail("NOT_FOUND", "No subscription of yours with this id");
    this.sql.exec("DELETE FROM subscriptions WHERE id = ?", id);
    this.outbox.enqueue({ kind: "subscription-removed", id, at: this.clock().now() });
    this.log.log(citizen, actor, { action: "subscription", outcome: "unsubscribed", dataCategories: JSON.parse(row.data_categories) as string[] });
    return ok({ id });
  }

  /** The citizen's subscriptions, oldest first. */
  ofCitizen(citizen: string): SubscriptionRow[] {
    return this.sql.exec<SubscriptionRow>("SELECT * FROM subscriptions WHERE citizen = ? ORDER BY created_at", citizen).toArray();
  }

  /**
   * Inside a write: subscribed holders (but `except`, who made the change) learn that this citizen's consent changed:
   * each gets a notification row in D1; each with a push channel also gets a push message for the changed choices
   * that name it as holder (by URA, or by the category of its organisation type), as Mitz notifies a dossierhouder.
   */
  notifyChanged(citizen: string, except: string | undefined, changed: readonly ChoiceRow[]): void {
    const at = this.clock().now();
    for (const s of this.ofCitizen(citizen)) {
      if (s.ura === except) continue;
      this.outbox.enqueue({
        kind: "provider-notification",
        id: crypto.randomUUID(),
        ura: s.ura,
        subscriptionId: s.id,
        message: `The consent choices of the patient of subscription ${s.id} changed`,
        at,
      });
      if (!s.endpoint || !s.patient_sealed) continue;
      const holder = { ura: s.ura, category: categoryOf(s.organization_type) ?? "overig" };
      const consents = changed.map(toChoice).filter((c) => partyMatches(c.holder, holder));
      if (consents.length === 0) continue;
      const message: PushMessage = {
        v: 1,
        notificationId: crypto.randomUUID(),
        subscriptionId: s.id,
        subscriber: { ura: s.ura, organizationType: s.organization_type },
        endpoint: s.endpoint,
        headersSealed: s.headers_sealed,
        patientSealed: s.patient_sealed,
        consents,
        at,
      };
      for (const part of splitBySize(message)) this.outbox.enqueue({ kind: "push", message: part });
    }
  }
}
