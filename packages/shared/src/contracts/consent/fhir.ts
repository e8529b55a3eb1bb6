/**
 * consent contracts: the FHIR side's query parameters and the shapes Regie reads from FHIR requests (re-exported by
 * ../consent.ts). Resources Regie emits are typed loosely here and validated against FHIR R4 in the tests.
 */
import { z } from "@hono/zod-openapi";
import { BSN_MESSAGE, BSN_SYSTEM, isValidBsn } from "../../identifiers/bsn";

/** `patient=<bsn>` or `patient=http://fhir.nl/fhir/NamingSystem/bsn|<bsn>`, parsed to the BSN (11-proef). */
export const FhirPatientParam = z
  .string()
  .max(80)
  .transform((v) => (v.startsWith(BSN_SYSTEM + "|") ? v.slice(BSN_SYSTEM.length + 1) : v))
  .refine(isValidBsn, { message: BSN_MESSAGE })
  .openapi({ param: { name: "patient", in: "query" }, description: "BSN, or http://fhir.nl/fhir/NamingSystem/bsn|<bsn>", example: "999990007" });

export const FhirConsentQuery = z.object({ patient: FhirPatientParam });
export type FhirConsentQuery = z.infer<typeof FhirConsentQuery>;

/** `GET /fhir/AuditEvent?patient=&_count=&before=`: the NEN 7513 log as AuditEvents, newest first. */
export const FhirAuditEventQuery = z.object({
  patient: FhirPatientParam,
  _count: z.coerce.number().int().min(1).max(500).optional().openapi({ param: { name: "_count", in: "query" }, description: "Entries per page (default 100, at most 500)" }),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional()
    .openapi({ param: { name: "before", in: "query" }, description: "Only entries older than this sequence number (the next link carries it)" }),
});
export type FhirAuditEventQuery = z.infer<typeof FhirAuditEventQuery>;

/** A FHIR R4 Bundle; validated against R4 in the tests, loosely typed here. */
export const FhirBundle = z
  .object({ resourceType: z.literal("Bundle"), type: z.string(), total: z.number().int().optional(), entry: z.array(z.record(z.string(), z.unknown())).optional() })
  .passthrough()
  .openapi("FhirBundle");

/** Any FHIR resource (validated against R4 in the tests). */
export const FhirResource = z.object({ resourceType: z.string() }).passthrough().openapi("FhirResource");
