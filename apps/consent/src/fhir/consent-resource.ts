/**
 * Maps registry choices to FHIR R4 Consent resources (pure), in the code systems Mitz uses (packages/shared
 * codes/mitz.ts): scope patient-privacy; the data category as a GGC `category` (as in Mitz's Consent-Mitz-Notify),
 * beside LOINC 59284-0 (patient consent); provision permit/deny; a named holder as custodian (CST actor, URA) and a
 * named requester as information recipient (IRCP actor, URA); a requester category in Mitz's OTV-ProviderCategory
 * extension (RPZAC, with Regie's finer category as a second coding); a holder category in Regie's holder-category
 * extension (no national code system for that side); purpose TREAT and COC (a 72-hour temporary consent: TREAT
 * only, flagged by the temporary-consent extension); validUntil as the period end.
 */
import { BSN_SYSTEM, dataCategoryCoding, FHIR_SYSTEMS, providerCategoryCoding, purposeCoding, requesterCategoryConcept, URA_SYSTEM } from "@regie/shared";
import type { Choice, Party } from "@regie/shared/contracts/consent";

function actor(role: "CST" | "IRCP", ura: string) {
  return {
    role: { coding: [{ system: FHIR_SYSTEMS.participationType, code: role }] },
    reference: { type: "Organization", identifier: { system: URA_SYSTEM, value: ura }, display: `URA ${ura}` },
  };
}

function status(c: Choice): "active" | "inactive" | "proposed" {
  return c.status === "pending" ? "proposed" : c.status === "withdrawn" ? "inactive" : "active";
}

function extensions(c: Choice) {
  const ext: Record<string, unknown>[] = [];
  if ("category" in c.requester)
    ext.push({ url: FHIR_SYSTEMS.requesterCategoryExtension, valueCodeableConcept: requesterCategoryConcept(c.requester.category) });
  if ("category" in c.holder)
    ext.push({ url: FHIR_SYSTEMS.holderCategoryExtension, valueCodeableConcept: { coding: [providerCategoryCoding(c.holder.category)] } });
  if (c.temporary) ext.push({ url: FHIR_SYSTEMS.temporaryConsentExtension, valueBoolean: true });
  return ext;
}

const named = (p: Party): string | null => ("ura" in p ? p.ura : null);

export function toFhirConsent(c: Choice, bsn: string) {
  const actors = [named(c.holder) && actor("CST", named(c.holder)!), named(c.requester) && actor("IRCP", named(c.requester)!)].filter(Boolean);
  const ext = extensions(c);
  return {
    resourceType: "Consent" as const,
    id: c.id,
    meta: { versionId: String(c.version), lastUpdated: c.updatedAt },
    ...(ext.length ? { extension: ext } : {}),
    status: status(c),
    scope: { coding: [{ system: FHIR_SYSTEMS.consentScope, code: "patient-privacy" }] },
    category: [{ coding: [dataCategoryCoding(c.dataCategory)] }, { coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { type: "Patient", identifier: { system: BSN_SYSTEM, value: bsn } },
    dateTime: c.createdAt,
    policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: c.decision === "permit" ? "OPTIN" : "OPTOUT" }] },
    provision: {
      type: c.decision,
      ...(c.validUntil ? { period: { start: c.createdAt, end: c.validUntil } } : { period: { start: c.createdAt } }),
      ...(actors.length ? { actor: actors } : {}),
      purpose: c.temporary ? [purposeCoding("TREAT")] : [purposeCoding("TREAT"), purposeCoding("COC")],
    },
  };
}

export type FhirConsent = ReturnType<typeof toFhirConsent>;

export function toFhirBundle(choices: Choice[], bsn: string, selfUrl: string) {
  const entries = choices.map((c) => ({ fullUrl: `urn:uuid:${c.id}`, resource: toFhirConsent(c, bsn), search: { mode: "match" as const } }));
  return { resourceType: "Bundle" as const, type: "searchset", total: entries.length, link: [{ relation: "self", url: selfUrl }], entry: entries };
}
