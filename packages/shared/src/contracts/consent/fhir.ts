/**
 * consent contracts: the FHIR side's query parameters and the shapes Regie reads from FHIR requests (re-exported by
 * ../consent.ts). Resources Regie emits are typed loosely here and validated against FHIR R4 in the tests.
 */
import { z } from "@hono/zod-openapi";
import { passthroughComponent } from "../component";
import { BSN_MESSAGE, BSN_SYSTEM, isValidBsn } from "../../identifiers/bsn";
import { queryInt } from "./building-blocks";

/** `patient=<bsn>` or `patient=http://fhir.nl/fhir/NamingSystem/bsn|<bsn>`, parsed to the BSN (11-proef). */
export const FhirPatientParam = z
  .string()
  .max(80)
  .transform((v) => (v.startsWith(BSN_SYSTEM + "|") ? v.slice(BSN_SYSTEM.length + 1) : v))
  .refine(isValidBsn, { message: BSN_MESSAGE })
  .openapi({ param: { name: "patient", in: "query" }, description: "BSN, or http://fhir.nl/fhir/NamingSystem/bsn|<bsn>", example: "999990007" });

export const FhirConsentQuery = z.object({ patient: FhirPatientParam });
export type FhirConsentQuery = z.infer<typeof FhirConsentQuery>;

/** Page size of GET /fhir/AuditEvent: default and maximum (≈ 1.5 KB per AuditEvent, so a page stays under ≈ 150 KB). */
export const AUDIT_EVENT_PAGE_DEFAULT = 50;
export const AUDIT_EVENT_PAGE_MAX = 100;

/** `GET /fhir/AuditEvent?patient=&_count=&before=`: the NEN 7513 log as AuditEvents, newest first. */
export const FhirAuditEventQuery = z.object({
  patient: FhirPatientParam,
  _count: queryInt("_count", AUDIT_EVENT_PAGE_MAX, `Entries per page (default ${AUDIT_EVENT_PAGE_DEFAULT}, at most ${AUDIT_EVENT_PAGE_MAX})`),
  before: queryInt("before", Number.MAX_SAFE_INTEGER, "Only entries older than this sequence number (the next link carries it)"),
});
export type FhirAuditEventQuery = z.infer<typeof FhirAuditEventQuery>;

/** A FHIR R4 Bundle; validated against R4 in the tests, loosely typed here. */
export const FhirBundle = passthroughComponent("FhirBundle", {
  resourceType: z.literal("Bundle"),
  type: z.string(),
  total: z.number().int().optional(),
  entry: z.array(z.record(z.string(), z.unknown())).optional(),
});

/** Any FHIR resource (validated against R4 in the tests). */
export const FhirResource = passthroughComponent("FhirResource", { resourceType: z.string() });

// ---------------------------------------------------------------- FHIR input: the structure Regie reads (R4 elements, loose where it ignores them)

const FhirCoding = z
  .object({ system: z.string().max(300).optional(), code: z.string().max(100).optional(), display: z.string().max(500).optional() })
  .passthrough();
const FhirCodeableConcept = z.object({ coding: z.array(FhirCoding).max(20).optional(), text: z.string().max(1000).optional() }).passthrough();
const FhirIdentifier = z.object({ system: z.string().max(300).optional(), value: z.string().max(100).optional() }).passthrough();
export const FhirReference = z
  .object({
    reference: z.string().max(300).optional(),
    type: z.string().max(100).optional(),
    identifier: FhirIdentifier.optional(),
    display: z.string().max(500).optional(),
  })
  .passthrough();
const FhirExtension = z
  .object({
    url: z.string().max(300),
    valueCodeableConcept: FhirCodeableConcept.optional(),
    valueBoolean: z.boolean().optional(),
    valueIdentifier: FhirIdentifier.optional(),
  })
  .passthrough();

export const FhirContainedOrganization = z
  .object({
    resourceType: z.literal("Organization"),
    id: z.string().max(64),
    identifier: z.array(FhirIdentifier).max(10).optional(),
    type: z.array(FhirCodeableConcept).max(10).optional(),
    name: z.string().max(500).optional(),
  })
  .passthrough();
export const FhirContainedPractitionerRole = z
  .object({
    resourceType: z.literal("PractitionerRole"),
    id: z.string().max(64),
    practitioner: FhirReference.optional(),
    organization: FhirReference.optional(),
    code: z.array(FhirCodeableConcept).max(10).optional(),
    extension: z.array(FhirExtension).max(10).optional(),
  })
  .passthrough();

/**
 * A Consent as Regie reads it: the proposed Consent of the Mitz operations, and the Consent a provider records
 * (IHE PCF). The holder is the CST actor, the requester the IRCP actor, the professional a PRCP actor; each a
 * reference to a contained Organization / PractitionerRole ("#id") or a logical reference by URA identifier.
 */
export const FhirConsentInput = passthroughComponent("FhirConsentInput", {
  resourceType: z.literal("Consent"),
  id: z.string().max(64).optional(),
  extension: z.array(FhirExtension).max(20).optional(),
  status: z.enum(["draft", "proposed", "active", "rejected", "inactive", "entered-in-error"]),
  scope: FhirCodeableConcept,
  category: z.array(FhirCodeableConcept).min(1).max(20),
  patient: FhirReference,
  dateTime: z.string().max(40).optional(),
  contained: z
    .array(z.discriminatedUnion("resourceType", [FhirContainedOrganization, FhirContainedPractitionerRole]))
    .max(10)
    .optional(),
  provision: z
    .object({
      type: z.enum(["permit", "deny"]).optional(),
      period: z
        .object({ start: z.string().max(40).optional(), end: z.string().max(40).optional() })
        .passthrough()
        .optional(),
      actor: z
        .array(z.object({ role: FhirCodeableConcept, reference: FhirReference }).passthrough())
        .max(10)
        .optional(),
      purpose: z.array(FhirCoding).max(5).optional(),
    })
    .passthrough(),
});
export type FhirConsentInput = z.infer<typeof FhirConsentInput>;

/** The input of $has-mitz-consent and $get-mitz-sources: a Parameters with one `consent` parameter. */
export const FhirConsentParameters = passthroughComponent("FhirConsentParameters", {
  resourceType: z.literal("Parameters"),
  parameter: z
    .array(z.object({ name: z.literal("consent"), resource: FhirConsentInput }).passthrough())
    .length(1, { message: "Expected exactly one parameter named consent" }),
});
export type FhirConsentParameters = z.infer<typeof FhirConsentParameters>;
