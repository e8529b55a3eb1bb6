/**
 * The one FHIR R4 Organization mapper (pure), used by the address book (`/fhir/Organization`, ../address-book/fhir.ts)
 * and by Mitz's open question (`$get-mitz-sources`, ./mitz-answers.ts): URA identifier, Nictiz organisation type,
 * name, place, active, endpoints, extensions. The type's system is the caller's: the address book answers in the
 * OID form of the Nictiz list (urn:oid:2.16.840.1.113883.2.4.15.1060, as ZORG-AB/mCSD), Mitz's answers in the
 * Nictiz naming system (as Mitz's examples) — the same code list under its two identifiers.
 */
import { organisationType, URA_SYSTEM } from "@regie/shared";

export interface OrganizationFacts {
  ura: string;
  organizationType: string;
  typeSystem: string;
  typeDisplay?: string | null;
  name?: string | null;
  place?: string | null;
  active: boolean;
  /** resource id and meta.lastUpdated (address-book resources have them; search results of Mitz do not) */
  id?: string;
  lastUpdated?: string;
  endpointIds?: readonly string[];
  extension?: Record<string, unknown>[];
}

export function toOrganization(o: OrganizationFacts): Record<string, unknown> & { resourceType: "Organization" } {
  const display = o.typeDisplay ?? organisationType(o.organizationType)?.display;
  return {
    resourceType: "Organization",
    ...(o.id ? { id: o.id } : {}),
    ...(o.lastUpdated ? { meta: { lastUpdated: o.lastUpdated } } : {}),
    ...(o.extension?.length ? { extension: o.extension } : {}),
    identifier: [{ system: URA_SYSTEM, value: o.ura }],
    active: o.active,
    type: [{ coding: [{ system: o.typeSystem, code: o.organizationType, ...(display ? { display } : {}) }] }],
    ...(o.name ? { name: o.name } : {}),
    ...(o.place ? { address: [{ city: o.place, country: "NL" }] } : {}),
    ...(o.endpointIds?.length ? { endpoint: o.endpointIds.map((id) => ({ reference: `Endpoint/${id}` })) } : {}),
  };
}
