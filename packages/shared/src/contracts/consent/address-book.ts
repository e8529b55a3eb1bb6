/** consent contracts: the provider address book (ZORG-AB style; re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, passthroughComponent } from "../component";
import { OrganizationTypeCode, ProviderCategory } from "../../codes/organisation-types";
import { Ura } from "../../identifiers/ura";
import { IsoDateTime } from "./building-blocks";

/** Largest page of a name search (bounded: the search reads at most this many rows after ranking). */
export const ORGANISATION_SEARCH_MAX = 50;
export const ORGANISATION_SEARCH_DEFAULT = 20;
/** Most URAs one lookup (`?ura=a,b,…`) may name. */
export const ORGANISATION_LOOKUP_MAX = 100;

/** What an endpoint is for: a FHIR server base, or where the organisation receives notifications. */
export const EndpointPurpose = z.enum(["fhir-base", "notification", "other"]).openapi("EndpointPurpose");
export type EndpointPurpose = z.infer<typeof EndpointPurpose>;

export const OrganisationEndpoint = component("OrganisationEndpoint", {
  id: z.string().openapi({ description: "Stable id, also the FHIR Endpoint id" }),
  purpose: EndpointPurpose,
  address: z.string().url(),
  connectionType: z.string().openapi({ description: "http://terminology.hl7.org/CodeSystem/endpoint-connection-type code, e.g. hl7-fhir-rest" }),
  status: z.enum(["active", "suspended", "error", "off", "entered-in-error", "test"]),
  name: z.string().nullable(),
});
export type OrganisationEndpoint = z.infer<typeof OrganisationEndpoint>;

/** One organisation of the address book. */
export const DirectoryOrganisation = component("DirectoryOrganisation", {
  ura: Ura,
  name: z.string(),
  organizationType: z.string().openapi({ description: "Nictiz organisation type code (OID 2.16.840.1.113883.2.4.15.1060)", example: "V6" }),
  organizationTypeDisplay: z.string().nullable(),
  category: ProviderCategory,
  place: z.string().nullable().openapi({ example: "Tiel" }),
  active: z.boolean().openapi({ description: "false: the organisation closed; it stays resolvable so old choices and log entries still read right" }),
  endpoints: z.array(OrganisationEndpoint),
  updatedAt: IsoDateTime,
});
export type DirectoryOrganisation = z.infer<typeof DirectoryOrganisation>;

/** The short form used where a URA is shown to someone: name and place. */
export const OrganisationName = component("OrganisationName", { ura: Ura, name: z.string(), place: z.string().nullable(), active: z.boolean() });
export type OrganisationName = z.infer<typeof OrganisationName>;

const csv = (max: number) =>
  z
    .string()
    .max(max * 9 + 10)
    .transform((v) =>
      v
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean),
    );

export const OrganisationSearchQuery = component("OrganisationSearchQuery", {
  q: z
    .string()
    .max(100)
    .optional()
    .openapi({ description: "Words of the name or place; each is a prefix, case and diacritics ignored", example: "rivierenland" }),
  place: z.string().max(100).optional().openapi({ description: "Place (prefix, case and diacritics ignored)", example: "tiel" }),
  type: OrganizationTypeCode.optional().openapi({ param: { name: "type", in: "query" } }),
  category: ProviderCategory.optional().openapi({ param: { name: "category", in: "query" } }),
  ura: csv(ORGANISATION_LOOKUP_MAX)
    .pipe(z.array(Ura).max(ORGANISATION_LOOKUP_MAX))
    .optional()
    .openapi({ type: "string", description: `Comma-separated URAs (at most ${ORGANISATION_LOOKUP_MAX}): exactly those organisations, closed ones included` }),
  includeInactive: z.enum(["true", "false"]).optional().openapi({ description: "Also closed organisations (default false)" }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ORGANISATION_SEARCH_MAX)
    .optional()
    .openapi({ description: `Default ${ORGANISATION_SEARCH_DEFAULT}, at most ${ORGANISATION_SEARCH_MAX}` }),
});
export type OrganisationSearchQuery = z.infer<typeof OrganisationSearchQuery>;

export const OrganisationSearchResult = component("OrganisationSearchResult", {
  items: z.array(DirectoryOrganisation),
  truncated: z.boolean().openapi({ description: "More organisations matched than `limit`" }),
});
export type OrganisationSearchResult = z.infer<typeof OrganisationSearchResult>;

export const UraParam = z.object({ ura: Ura.openapi({ param: { name: "ura", in: "path" } }) });

// ---------------------------------------------------------------- operator load and sync

export const AddressBookRejection = component("AddressBookRejection", {
  ura: z.string().nullable(),
  resource: z.string().openapi({ description: "e.g. Organization/123" }),
  reasons: z.array(z.string()),
});

export const AddressBookReport = component("AddressBookReport", {
  added: z.array(Ura),
  changed: z.array(Ura),
  unchanged: z.number().int(),
  deactivated: z.array(Ura).openapi({ description: "Organisations marked inactive (closed, or deleted at the source)" }),
  rejected: z.array(AddressBookRejection),
});
export type AddressBookReport = z.infer<typeof AddressBookReport>;

/** A FHIR Bundle as loaded by the operator (validated per resource by the loader, loosely here). */
export const FhirInputBundle = passthroughComponent("AddressBookBundle", {
  resourceType: z.literal("Bundle"),
  type: z.string().optional(),
  entry: z.array(z.record(z.string(), z.unknown())).max(20_000).optional(),
});

export const AddressBookSyncState = component("AddressBookSyncState", {
  source: z.string().nullable(),
  lastSince: IsoDateTime.nullable(),
  lastRunAt: IsoDateTime.nullable(),
  lastReport: AddressBookReport.nullable(),
  lastError: z.string().nullable(),
});
export type AddressBookSyncState = z.infer<typeof AddressBookSyncState>;
