/** mCSD-shaped test Bundles: an Organization with its Location and Endpoints, as a ZORG-AB export carries them. */
import { env } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import { call } from "../helpers";

export const URA = "http://fhir.nl/fhir/NamingSystem/ura";
export const TYPE_SYSTEM = "urn:oid:2.16.840.1.113883.2.4.15.1060";

export interface OrgSpec {
  id: string;
  ura: string;
  name: string;
  type: string;
  city?: string;
  active?: boolean;
  endpoints?: { id: string; address: string; notification?: boolean; status?: string }[];
}

export function orgEntries(o: OrgSpec): Record<string, unknown>[] {
  const entries: Record<string, unknown>[] = [
    {
      fullUrl: `https://zorgab.example/fhir/Organization/${o.id}`,
      resource: {
        resourceType: "Organization",
        id: o.id,
        identifier: [{ system: URA, value: o.ura }],
        active: o.active ?? true,
        type: [{ coding: [{ system: TYPE_SYSTEM, code: o.type }] }],
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

export const bundle = (...orgs: OrgSpec[]) => ({ resourceType: "Bundle", type: "collection", entry: orgs.flatMap(orgEntries) });

export const operatorToken = () => mintToken(env, { role: "operator", sub: "ops-test" });

/** The operator's load of an address-book body (a Bundle, or anything else to see it refused): POST /v1/operator/address-book. */
export const loadAddressBook = async (body: unknown) => call("POST", "/v1/operator/address-book", await operatorToken(), body);
