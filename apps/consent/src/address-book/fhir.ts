/** Address-book organisations as FHIR R4 Organization and Endpoint resources (pure; validated as R4 in the tests). */
import { ORGANISATION_TYPE_OID } from "@regie/shared";
import type { DirectoryOrganisation, OrganisationEndpoint } from "@regie/shared/contracts/consent";
import { toOrganization } from "../fhir/organization";
import { ENDPOINT_PURPOSE_SYSTEM } from "./mcsd";

export const ORGANISATION_TYPE_SYSTEM = `urn:oid:${ORGANISATION_TYPE_OID}`;
const CONNECTION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";

type Resource = Record<string, unknown>;

/** An address-book organisation as an Organization (the shared mapper, ../fhir/organization.ts). */
export function toFhirOrganization(o: DirectoryOrganisation): Resource {
  return toOrganization({
    id: o.ura,
    lastUpdated: o.updatedAt,
    ura: o.ura,
    organizationType: o.organizationType,
    typeSystem: ORGANISATION_TYPE_SYSTEM,
    typeDisplay: o.organizationTypeDisplay ?? null,
    name: o.name,
    place: o.place,
    active: o.active,
    endpointIds: o.endpoints.map((e) => e.id),
  });
}

export function toFhirEndpoint(o: DirectoryOrganisation, e: OrganisationEndpoint): Resource {
  return {
    resourceType: "Endpoint",
    id: e.id,
    status: e.status,
    connectionType: { system: CONNECTION_TYPE_SYSTEM, code: e.connectionType },
    ...(e.name ? { name: e.name } : {}),
    managingOrganization: { reference: `Organization/${o.ura}`, display: o.name },
    payloadType: [{ coding: [{ system: ENDPOINT_PURPOSE_SYSTEM, code: e.purpose }] }],
    address: e.address,
  };
}

/** A searchset Bundle; `total` only when the page holds every match. */
export function searchsetBundle(self: string, base: string, resources: Resource[], complete: boolean): Resource {
  return {
    resourceType: "Bundle",
    type: "searchset",
    ...(complete ? { total: resources.length } : {}),
    link: [{ relation: "self", url: self }],
    entry: resources.map((r) => ({ fullUrl: `${base}/${String(r.resourceType)}/${String(r.id)}`, resource: r, search: { mode: "match" } })),
  };
}
