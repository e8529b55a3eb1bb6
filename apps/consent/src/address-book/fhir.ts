/** Address-book organisations as FHIR R4 Organization and Endpoint resources (pure; validated as R4 in the tests). */
import { ORGANISATION_TYPE_OID, URA_SYSTEM } from "@regie/shared";
import type { DirectoryOrganisation, OrganisationEndpoint } from "@regie/shared/contracts/consent";
import { ENDPOINT_PURPOSE_SYSTEM } from "./mcsd";

export const ORGANISATION_TYPE_SYSTEM = `urn:oid:${ORGANISATION_TYPE_OID}`;
const CONNECTION_TYPE_SYSTEM = "http://terminology.hl7.org/CodeSystem/endpoint-connection-type";

type Resource = Record<string, unknown>;

export function toFhirOrganization(o: DirectoryOrganisation): Resource {
  return {
    resourceType: "Organization",
    id: o.ura,
    meta: { lastUpdated: o.updatedAt },
    identifier: [{ system: URA_SYSTEM, value: o.ura }],
    active: o.active,
    type: [{ coding: [{ system: ORGANISATION_TYPE_SYSTEM, code: o.organizationType, ...(o.organizationTypeDisplay ? { display: o.organizationTypeDisplay } : {}) }] }],
    name: o.name,
    ...(o.place ? { address: [{ city: o.place, country: "NL" }] } : {}),
    ...(o.endpoints.length ? { endpoint: o.endpoints.map((e) => ({ reference: `Endpoint/${e.id}` })) } : {}),
  };
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

export function operationOutcome(code: "invalid" | "not-found" | "forbidden" | "login" | "exception", diagnostics: string): Resource {
  return { resourceType: "OperationOutcome", issue: [{ severity: "error", code, diagnostics }] };
}
