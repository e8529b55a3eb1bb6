/**
 * The address book as FHIR R4 (IHE mCSD / ZORG-AB style): `GET /fhir/Organization?name=&identifier=&type=`,
 * `GET /fhir/Organization/{id}` (the id is the URA), `GET /fhir/Endpoint?organization=`. Errors are OperationOutcome.
 * `ORGANIZATION_CAPABILITIES` describes these for a CapabilityStatement (registered by whoever builds /fhir/metadata).
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { isValidUra, organisationType, routeGroup, URA_SYSTEM } from "@regie/shared";
import { ORGANISATION_SEARCH_DEFAULT, ORGANISATION_SEARCH_MAX } from "@regie/shared/contracts/consent";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ORGANISATION_TYPE_SYSTEM, searchsetBundle, toFhirEndpoint, toFhirOrganization } from "../address-book/fhir";
import { FHIR_JSON, outcome } from "../fhir/operation-outcome";
import { ORGANISATION_TYPE_SYSTEMS } from "../address-book/mcsd";
import { getOrganisation, getOrganisations, searchOrganisations } from "../address-book/store";
import { ADDRESS_BOOK_READERS } from "./organisations";

/** CapabilityStatement.rest.resource entries for these routes. */
export const ORGANIZATION_CAPABILITIES = [
  {
    type: "Organization",
    profile: "http://hl7.org/fhir/StructureDefinition/Organization",
    interaction: [{ code: "read" }, { code: "search-type" }],
    searchParam: [
      { name: "name", type: "string", documentation: "Prefix of the words of the name or place; case and diacritics ignored" },
      { name: "identifier", type: "token", documentation: `URA: ${URA_SYSTEM}|<ura> or the bare number` },
      { name: "type", type: "token", documentation: `Nictiz organisation type: ${ORGANISATION_TYPE_SYSTEM}|<code> or the bare code` },
      { name: "address-city", type: "string", documentation: "Place (prefix)" },
      { name: "active", type: "token" },
      { name: "_count", type: "number", documentation: `At most ${ORGANISATION_SEARCH_MAX}` },
    ],
  },
  {
    type: "Endpoint",
    profile: "http://hl7.org/fhir/StructureDefinition/Endpoint",
    interaction: [{ code: "search-type" }],
    searchParam: [{ name: "organization", type: "reference", documentation: "Organization/<ura> or the URA" }],
  },
] as const;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- every route's context (their auth variables differ)
type AnyContext = Context<any>;
// FHIR media type; the body is the resource the route documents
const fhir = (c: AnyContext, body: unknown, status: 200 | 400 | 404 = 200) => c.body(JSON.stringify(body), status, { "content-type": FHIR_JSON }) as never;
const invalid = (c: AnyContext, diagnostics: string) => fhir(c, outcome(400, diagnostics), 400);

const param = (description: string) => z.string().optional().openapi({ description });
const OrganizationQuery = z.object({
  name: param("Prefix of the words of the name or place; case and diacritics ignored"),
  identifier: param(`${URA_SYSTEM}|<ura> or the bare URA`),
  type: param(`${ORGANISATION_TYPE_SYSTEM}|<code> or the bare code`),
  "address-city": param("Place (prefix)"),
  active: param("true or false"),
  _count: param(`At most ${ORGANISATION_SEARCH_MAX}`),
});
const EndpointQuery = z.object({ organization: param("Organization/<ura> or the URA") });
const FhirResponse = { description: "FHIR R4 resource", content: { "application/fhir+json": { schema: z.record(z.string(), z.unknown()) } } };
const FhirError = { description: "OperationOutcome", content: { "application/fhir+json": { schema: z.record(z.string(), z.unknown()) } } };

/** `system|value` or a bare value; null when another system is named. */
function token(raw: string, systems: readonly string[]): string | null {
  const bar = raw.lastIndexOf("|");
  if (bar < 0) return raw;
  const system = raw.slice(0, bar);
  return system === "" || systems.includes(system) ? raw.slice(bar + 1) : null;
}

export function fhirOrganizationRoutes(app: OpenAPIHono<AppEnv>): void {
  const base = (c: AnyContext) => new URL("/fhir", c.req.url).toString();

  const readers = routeGroup({ tags: ["fhir"], role: ADDRESS_BOOK_READERS });

  app.openapi(
    readers
      .get("/fhir/Organization", "Search the address book (FHIR R4 Organization searchset)", { query: OrganizationQuery })
      .respond({ 200: FhirResponse, 400: FhirError, 401: FhirError, 403: FhirError }),
    async (c) => {
      const q = c.req.query();
      const count = q._count === undefined ? ORGANISATION_SEARCH_DEFAULT : Number(q._count);
      if (!Number.isInteger(count) || count < 1 || count > ORGANISATION_SEARCH_MAX)
        return invalid(c, `_count must be an integer from 1 to ${ORGANISATION_SEARCH_MAX}`);
      const known = new Set(["name", "identifier", "type", "address-city", "active", "_count"]);
      const unknown = Object.keys(q).filter((k) => !known.has(k));
      if (unknown.length) return invalid(c, `Unsupported search parameter(s): ${unknown.join(", ")}`);
      if (q.active !== undefined && q.active !== "true" && q.active !== "false") return invalid(c, "active must be true or false");
      let items;
      let complete = true;
      if (q.identifier !== undefined) {
        const ura = token(q.identifier, [URA_SYSTEM]);
        if (ura === null || !isValidUra(ura)) return invalid(c, `identifier must be ${URA_SYSTEM}|<URA of 1 to 8 digits>`);
        items = await getOrganisations(c.env.DB, [ura]);
      } else {
        const type = q.type === undefined ? undefined : token(q.type, ORGANISATION_TYPE_SYSTEMS);
        if (type === null || (type !== undefined && !organisationType(type))) return invalid(c, `type must be a code of ${ORGANISATION_TYPE_SYSTEM}`);
        if (!q.name?.trim() && !q["address-city"]?.trim() && !type) return invalid(c, "Give name, identifier, type or address-city");
        const found = await searchOrganisations(c.env.DB, { q: q.name, place: q["address-city"], type, includeInactive: q.active !== "true", limit: count });
        items = found.items;
        complete = !found.truncated;
      }
      if (q.active !== undefined) items = items.filter((o) => o.active === (q.active === "true"));
      return fhir(c, searchsetBundle(c.req.url, base(c), items.map(toFhirOrganization), complete));
    },
  );

  app.openapi(
    readers
      .get("/fhir/Organization/{id}", "One organisation as FHIR R4 Organization (id = URA)", {
        params: z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) }),
      })
      .respond({ 200: FhirResponse, 400: FhirError, 404: FhirError }),
    async (c) => {
      const id = c.req.param("id");
      if (!isValidUra(id)) return fhir(c, outcome(404, `No Organization/${id.slice(0, 64)}: ids are URAs of 1 to 8 digits`), 404);
      const org = await getOrganisation(c.env.DB, id);
      if (!org) return fhir(c, outcome(404, `No Organization/${id}`), 404);
      return fhir(c, toFhirOrganization(org));
    },
  );

  app.openapi(
    readers
      .get("/fhir/Endpoint", "The technical endpoints of an organisation (FHIR R4 Endpoint searchset)", { query: EndpointQuery })
      .respond({ 200: FhirResponse, 400: FhirError }),
    async (c) => {
      const ref = c.req.query("organization");
      const ura = ref?.replace(/^(?:.*\/)?Organization\//, "");
      if (!ura || !isValidUra(ura)) return invalid(c, "organization must be Organization/<URA> or a URA");
      const org = await getOrganisation(c.env.DB, ura);
      const resources = org ? org.endpoints.map((e) => toFhirEndpoint(org, e)) : [];
      return fhir(c, searchsetBundle(c.req.url, base(c), resources, true));
    },
  );
}
