/**
 * mCSD-shaped test Bundles for the consent service's address book: an Organization with its Location and Endpoints,
 * as a ZORG-AB export carries them. Used by the consent tests (the load itself) and the portal tests (seeding names
 * and places).
 */
import { URA_SYSTEM } from "../identifiers/ura";

/** The organisation-type code system (AGB/Vektis, as ZORG-AB uses it). */
export const ORGANISATION_TYPE_SYSTEM = "urn:oid:2.16.840.1.113883.2.4.15.1060";

export interface OrgSpec {
  id: string;
  ura: string;
  name: string;
  type: string;
  city?: string;
  active?: boolean;
  endpoints?: { id: string; address: string; notification?: boolean; status?: string }[];
}

/** One organisation's Bundle entries: its Organization, its Location (when it has a city) and its Endpoints. */
export function orgEntries(o: OrgSpec): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [
    {
      fullUrl: `https://zorgab.example/fhir/Organization/${o.id}`,
      resource: {
        resourceType: "Organization",
        id: o.id,
        identifier: [{ system: URA_SYSTEM, value: o.ura }],
        active: o.active ?? true,
        type: [{ coding: [{ system: ORGANISATION_TYPE_SYSTEM, code: o.type }] }],
        name: o.name,
        endpoint: (o.endpoints ?? []).map((e) => ({ reference: `Endpoint/${e.id}` })),
      },
    },
  ];
  if (o.city) {
    entries.push({
      fullUrl: `https://zorgab.example/fhir/Location/loc-${o.id}`,
      resource: {
        resourceType: "Location",
        id: `loc-${o.id}`,
        status: "active",
        name: o.name,
        address: { city: o.city, country: "NL" },
        managingOrganization: { reference: `Organization/${o.id}` },
      },
    });
  }
  for (const e of o.endpoints ?? []) {
    entries.push({
      fullUrl: `https://zorgab.example/fhir/Endpoint/${e.id}`,
      resource: {
        resourceType: "Endpoint",
        id: e.id,
        status: e.status ?? "active",
        connectionType: { system: "http://terminology.hl7.org/CodeSystem/endpoint-connection-type", code: "hl7-fhir-rest" },
        payloadType: [{ coding: [{ system: "https://regie.nl/fhir/CodeSystem/endpoint-purpose", code: e.notification ? "notification" : "fhir-base" }] }],
        address: e.address,
        managingOrganization: { reference: `Organization/${o.id}` },
      },
    });
  }
  return entries;
}

/** A collection Bundle of these organisations: the body of POST /v1/operator/address-book. */
export const addressBookBundle = (...orgs: OrgSpec[]) => ({ resourceType: "Bundle", type: "collection", entry: orgs.flatMap(orgEntries) });
