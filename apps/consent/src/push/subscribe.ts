/**
 * Subscribing, shared by `POST /v1/subscriptions` and `POST /fhir/Subscription`: the endpoint is checked by the
 * outbound guard of this environment, the patient's BSN and the channel headers are sealed (./sealed.ts), then the
 * citizen's shard records the subscription (a duplicate returns the existing one). Reading and ending one go through
 * D1's listing (../storage/subscription-directory.ts), which names the citizen's shard.
 */
import { ApiError, checkOutboundUrl, type ClaimsOf } from "@regie/shared";
import type { PushChannelInput, Subscription } from "@regie/shared/contracts/consent";
import type { Bindings } from "../env";
import { providerActor } from "../routes/common";
import { callShard, citizenShard, shardStub, unwrap } from "../storage/shards";
import { subscriptionOf, subscriptionsOf, toJsonSubscription } from "../storage/subscription-directory";
import { seal, unseal } from "./sealed";

export async function subscribe(
  env: Bindings,
  auth: ClaimsOf<"provider">,
  req: { bsn: string; dataCategories?: string[]; channel?: PushChannelInput },
  endpointPath = "/channel/endpoint",
): Promise<{ created: boolean; subscription: Subscription }> {
  const mode = env.ENVIRONMENT === "development" ? "development" : "production";
  let channel;
  if (req.channel) {
    const verdict = checkOutboundUrl(req.channel.endpoint, mode);
    if (!verdict.ok)
      throw new ApiError("VALIDATION_FAILED", `The endpoint is not allowed: ${verdict.reason}`, { errors: [{ path: endpointPath, message: verdict.reason }] });
    const headers = req.channel.headers ?? [];
    channel = {
      endpoint: verdict.url.toString(),
      headersSealed: headers.length ? await seal(JSON.stringify(headers), "headers", env.PSEUDONYM_KEY) : null,
      headerNames: headers.map((h) => h.slice(0, h.indexOf(":")).trim()),
    };
  }
  const patientSealed = await seal(req.bsn, "patient", env.PSEUDONYM_KEY);
  const { pseudonym, stub } = await citizenShard(env, req.bsn);
  return unwrap(await callShard(stub.subscribe(pseudonym, providerActor(auth), { dataCategories: req.dataCategories, patientSealed, channel })));
}

/** Ends the provider's own subscription; 404 when it has none with this id (another provider's is not visible). */
export async function unsubscribe(env: Bindings, auth: ClaimsOf<"provider">, id: string): Promise<void> {
  const record = await subscriptionOf(env.DB, auth.ura, id);
  if (!record) throw new ApiError("NOT_FOUND", "No subscription of yours with this id");
  unwrap(await callShard(shardStub(env, record.citizen).unsubscribe(record.citizen, id, providerActor(auth))));
}

/** The provider's own subscription with its delivery state, and the patient's BSN for its criteria (null if unknown). */
export async function ownSubscription(env: Bindings, auth: ClaimsOf<"provider">, id: string): Promise<{ subscription: Subscription; bsn: string | null }> {
  const record = await subscriptionOf(env.DB, auth.ura, id);
  if (!record) throw new ApiError("NOT_FOUND", "No subscription of yours with this id");
  return { subscription: toJsonSubscription(record), bsn: record.patient_sealed ? await unseal(record.patient_sealed, "patient", env.PSEUDONYM_KEY) : null };
}

/** A page of the provider's own subscriptions, each with its patient's BSN (for FHIR criteria). */
export async function ownSubscriptions(env: Bindings, auth: ClaimsOf<"provider">, page: { limit?: number; cursor?: string }) {
  const { items, next } = await subscriptionsOf(env.DB, auth.ura, page);
  const withBsn = await Promise.all(
    items.map(async (r) => ({
      subscription: toJsonSubscription(r),
      bsn: r.patient_sealed ? await unseal(r.patient_sealed, "patient", env.PSEUDONYM_KEY) : null,
    })),
  );
  return { items: withBsn, next };
}
