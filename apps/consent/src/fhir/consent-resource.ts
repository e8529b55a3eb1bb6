/**
 * Maps registry choices to FHIR R4 Consent resources (pure). scope patient-privacy, category LOINC 59284-0
 * (patient consent), provision permit/deny with the holder as custodian (CST) and the requester as information
 * recipient (IRCP), the data category in provision.code, and validUntil as the period.
 */
import { BSN_SYSTEM, dataCategory, URA_SYSTEM } from "@regie/shared";
import type { Choice, Party } from "@regie/shared/contracts/consent";

export const DATA_CATEGORY_SYSTEM = "https://regie.nl/fhir/CodeSystem/data-category";
export const PROVIDER_CATEGORY_SYSTEM = "https://regie.nl/fhir/CodeSystem/provider-category";

function actor(role: "CST" | "IRCP", side: Party) {
  return {
    role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: role }] },
    reference:
      "ura" in side
        ? { identifier: { system: URA_SYSTEM, value: side.ura }, display: `URA ${side.ura}` }
        : { identifier: { system: PROVIDER_CATEGORY_SYSTEM, value: side.category }, display: `Every ${side.category}` },
  };
}

function status(c: Choice): "active" | "inactive" | "proposed" {
  return c.status === "pending" ? "proposed" : c.status === "withdrawn" ? "inactive" : "active";
}

export function toFhirConsent(c: Choice, bsn: string) {
  const dc = dataCategory(c.dataCategory);
  return {
    resourceType: "Consent" as const,
    id: c.id,
    meta: { versionId: String(c.version), lastUpdated: c.updatedAt },
    status: status(c),
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
    category: [{ coding: [{ system: "http://loinc.org", code: "59284-0", display: "Patient Consent" }] }],
    patient: { identifier: { system: BSN_SYSTEM, value: bsn } },
    dateTime: c.createdAt,
    policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: c.decision === "permit" ? "OPTIN" : "OPTOUT" }] },
    provision: {
      type: c.decision,
      ...(c.validUntil ? { period: { start: c.createdAt, end: c.validUntil } } : { period: { start: c.createdAt } }),
      actor: [actor("CST", c.holder), actor("IRCP", c.requester)],
      code: [{ coding: [{ system: DATA_CATEGORY_SYSTEM, code: c.dataCategory, ...(dc ? { display: dc.display } : {}) }] }],
      ...(c.temporary ? { purpose: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "ETREAT", display: "Emergency treatment" }] } : {}),
    },
  };
}

export function toFhirBundle(choices: Choice[], bsn: string, selfUrl: string) {
  const entries = choices.map((c) => ({ fullUrl: `urn:uuid:${c.id}`, resource: toFhirConsent(c, bsn), search: { mode: "match" as const } }));
  return {
    resourceType: "Bundle" as const,
    type: "searchset",
    total: entries.length,
    link: [{ relation: "self", url: selfUrl }],
    entry: entries,
  };
}
