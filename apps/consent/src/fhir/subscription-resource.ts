/**
 * The FHIR R4 Subscription as Mitz has it (pure): parsing its `criteria`
 * (`Consent?_query=otv&patientid={BSN}&providerid={URA}&providertype={organisation type}`, the rules of
 * nuts-knooppunt component/mitz) and the resource Regie answers with. A subscription's `channel.header` values are
 * sealed at rest and never shown again (the resource carries none).
 */
import { BSN_MESSAGE, isValidBsn, isValidUra, organisationType } from "@regie/shared";
import type { FhirSubscription, Subscription } from "@regie/shared/contracts/consent";

export type Criteria = { bsn: string; ura: string; organizationType: string };
export type CriteriaResult = { ok: true; value: Criteria } | { ok: false; message: string };

const ALLOWED = new Set(["_query", "patientid", "providerid", "providertype"]);

export function parseCriteria(criteria: string): CriteriaResult {
  if (!criteria.startsWith("Consent?")) return { ok: false, message: "Subscription.criteria must start with 'Consent?'" };
  const q = new URLSearchParams(criteria.slice("Consent?".length).replace(/\s+/g, ""));
  for (const key of q.keys()) if (!ALLOWED.has(key)) return { ok: false, message: `Subscription.criteria has an unsupported parameter '${key}'` };
  for (const key of ALLOWED) if (q.getAll(key).length > 1) return { ok: false, message: `Subscription.criteria has '${key}' more than once` };
  if (q.get("_query") !== "otv") return { ok: false, message: "Subscription.criteria must contain '_query=otv'" };
  for (const key of ["patientid", "providerid", "providertype"]) if (!q.get(key)) return { ok: false, message: `Subscription.criteria must contain '${key}'` };
  const bsn = q.get("patientid")!;
  const ura = q.get("providerid")!;
  const organizationType = q.get("providertype")!;
  // the message never echoes the BSN
  if (!isValidBsn(bsn)) return { ok: false, message: `patientid: ${BSN_MESSAGE}` };
  if (!isValidUra(ura)) return { ok: false, message: "providerid must be a URA (1 to 8 digits)" };
  if (!organisationType(organizationType)) return { ok: false, message: "providertype must be an organisation type code (Nictiz/Vektis list, e.g. Z3)" };
  return { ok: true, value: { bsn, ura, organizationType } };
}

export function criteriaOf(c: { bsn: string | null; ura: string; organizationType: string }): string {
  return `Consent?_query=otv${c.bsn ? `&patientid=${c.bsn}` : ""}&providerid=${c.ura}&providertype=${c.organizationType}`;
}

const STATUS = { active: "active", error: "error", off: "off" } as const;

/** The resource for a subscription (JSON form) whose patient's BSN the caller gave (null: a subscription from before BSNs were sealed). */
export function toFhirSubscription(s: Subscription, bsn: string | null): FhirSubscription & Record<string, unknown> {
  return {
    resourceType: "Subscription",
    id: s.id,
    meta: { lastUpdated: s.lastError?.at ?? s.lastDeliveredAt ?? s.createdAt },
    status: STATUS[s.status ?? "active"],
    reason: "OTV",
    criteria: criteriaOf({ bsn, ura: s.ura, organizationType: s.organizationType }),
    ...(s.lastError ? { error: `${s.lastError.message} (${s.lastError.at})` } : {}),
    channel: { type: "rest-hook", ...(s.channel ? { endpoint: s.channel.endpoint } : {}), payload: "application/fhir+json" },
  };
}

export function subscriptionBundle(resources: FhirSubscription[], selfUrl: string, nextUrl: string | null) {
  return {
    resourceType: "Bundle" as const,
    type: "searchset" as const,
    link: [{ relation: "self", url: selfUrl }, ...(nextUrl ? [{ relation: "next", url: nextUrl }] : [])],
    entry: resources.map((r) => ({ fullUrl: `urn:uuid:${r.id}`, resource: r, search: { mode: "match" as const } })),
  };
}
