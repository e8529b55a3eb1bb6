/**
 * Maps the stored Provenance of a choice's FHIR write to a FHIR R4 Provenance (pure): the target is the Consent
 * version written; `recorded` when; activity CREATE (recorded, imported) or UPDATE (revoked by status); agents the
 * professional (enterer, UZI number and role, on behalf of the organisation) when known, and the organisation
 * (author, URA, on behalf of the patient); a migrated choice's source identifier as the `source` entity.
 */
import { BSN_SYSTEM, FHIR_SYSTEMS, organisationType, URA_SYSTEM, uziRoleCoding } from "@regie/shared";
import type { ProvenanceRow } from "../storage/shard/provenance";

const participant = (code: "author" | "enterer") => ({ coding: [{ system: FHIR_SYSTEMS.provenanceParticipantType, code }] });
const organisation = (ura: string, type: string) => ({
  type: "Organization",
  identifier: { system: URA_SYSTEM, value: ura },
  display: `${organisationType(type)?.display ?? type} (URA ${ura})`,
});

export function toFhirProvenance(r: ProvenanceRow, bsn: string) {
  const org = organisation(r.agent_ura, r.agent_org_type);
  const professional = r.agent_uzi
    ? [
        {
          type: participant("enterer"),
          ...(r.agent_uzi_role ? { role: [{ coding: [uziRoleCoding(r.agent_uzi_role)] }] } : {}),
          who: { type: "Practitioner", identifier: { system: FHIR_SYSTEMS.uziNumber, value: r.agent_uzi } },
          onBehalfOf: org,
        },
      ]
    : [];
  return {
    resourceType: "Provenance" as const,
    id: r.id,
    target: [{ reference: `Consent/${r.choice_id}/_history/${r.choice_version}`, type: "Consent" }],
    recorded: new Date(r.recorded).toISOString(),
    activity: { coding: [{ system: FHIR_SYSTEMS.dataOperation, code: r.activity, display: r.activity === "CREATE" ? "create" : "revise" }] },
    agent: [...professional, { type: participant("author"), who: org, onBehalfOf: { type: "Patient", identifier: { system: BSN_SYSTEM, value: bsn } } }],
    ...(r.source_value ? { entity: [{ role: "source" as const, what: { identifier: { system: r.source_system ?? undefined, value: r.source_value } } }] } : {}),
  };
}

export function provenanceBundle(rows: readonly ProvenanceRow[], bsn: string, selfUrl: string, baseUrl: string) {
  return {
    resourceType: "Bundle" as const,
    type: "searchset",
    total: rows.length,
    link: [{ relation: "self", url: selfUrl }],
    entry: rows.map((r) => ({ fullUrl: `${baseUrl}/Provenance/${r.id}`, resource: toFhirProvenance(r, bsn), search: { mode: "match" as const } })),
  };
}
