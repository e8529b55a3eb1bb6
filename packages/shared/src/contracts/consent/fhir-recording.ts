/**
 * consent contracts: recording consent over FHIR the IHE PCF way (ITI-108 create/update of a Consent), the
 * Provenance of each write, and the migration of a provider's existing consents as a FHIR `transaction` Bundle.
 * Re-exported by ../consent.ts. Resources Regie emits are typed loosely and validated against FHIR R4 in the tests.
 */
import { z } from "@hono/zod-openapi";
import { passthroughComponent } from "../component";
import { FhirPatientParam, FhirReference } from "./fhir";

const FhirIdentifier = z.object({ system: z.string().max(300).optional(), value: z.string().max(200).optional() }).passthrough();
const FhirCoding = z
  .object({ system: z.string().max(300).optional(), code: z.string().max(100).optional(), display: z.string().max(500).optional() })
  .passthrough();
const FhirCodeableConcept = z.object({ coding: z.array(FhirCoding).max(20).optional(), text: z.string().max(1000).optional() }).passthrough();

/** `id` of a Consent Regie created (a choice id, a UUID). */
export const FhirConsentId = z
  .string()
  .uuid({ message: "Expected the id of a Consent (a UUID)" })
  .openapi({ param: { name: "id", in: "path" }, example: "6f1c2c1e-9a0f-4d7e-8a61-0c2b3f1e5d4a" });
export const FhirConsentIdParams = z.object({ id: FhirConsentId });

/**
 * `GET /fhir/Provenance?target=Consent/{id}&patient=<bsn>`: the Provenance of each write of that Consent. The
 * patient is required because a choice id does not say which shard holds it (the BSN decides, and is never in an id).
 */
export const FhirProvenanceQuery = z.object({
  target: z
    .string()
    .max(200)
    .regex(/^(?:.*\/)?Consent\/[0-9a-fA-F-]{36}$/, { message: "Expected target=Consent/{id}" })
    .transform((v) => v.slice(v.lastIndexOf("Consent/") + "Consent/".length).toLowerCase())
    .openapi({ param: { name: "target", in: "query" }, description: "Consent/{id}", example: "Consent/6f1c2c1e-9a0f-4d7e-8a61-0c2b3f1e5d4a" }),
  patient: FhirPatientParam,
});
export type FhirProvenanceQuery = z.infer<typeof FhirProvenanceQuery>;

/** A Provenance as Regie reads it from a migration Bundle: which Consent it is about, when, and who recorded it. */
export const FhirProvenanceInput = passthroughComponent("FhirProvenanceInput", {
  resourceType: z.literal("Provenance"),
  target: z.array(FhirReference).min(1).max(10),
  recorded: z
    .string()
    .max(40)
    .regex(/^\d{4}-\d{2}-\d{2}T/, { message: "Expected a FHIR instant" }),
  agent: z
    .array(z.object({ type: FhirCodeableConcept.optional(), who: FhirReference, onBehalfOf: FhirReference.optional() }).passthrough())
    .min(1)
    .max(10),
  activity: FhirCodeableConcept.optional(),
});
export type FhirProvenanceInput = z.infer<typeof FhirProvenanceInput>;

/** Limits of one migration Bundle (Cloudflare: see docs/consent.md, "Migration"). */
export const MIGRATION_LIMITS = {
  /** bytes of the request body: 4 % of Workers' 100 MB request body limit; one patient's part stays far below a DO call's 32 MiB */
  bytes: 4 * 1024 * 1024,
  /** entries (Consent + Provenance) */
  entries: 1000,
  /** patients: each costs one D1 query (age) and one Durable Object call, so ≤ 200 of the 1,000 subrequests (paid plan) */
  patients: 100,
} as const;

/** One entry of a transaction Bundle, read loosely: each entry is checked on its own so a bad one fails only its patient, and is named. */
const FhirTransactionEntry = z
  .object({
    fullUrl: z.string().max(300).optional(),
    resource: z.record(z.string(), z.unknown()).optional(),
    request: z
      .object({ method: z.string().max(10).optional(), url: z.string().max(300).optional() })
      .passthrough()
      .optional(),
  })
  .passthrough();

/** `POST /fhir`: a FHIR transaction Bundle of Consent + Provenance entries (a provider's migration). */
export const FhirTransactionBundle = passthroughComponent("FhirTransactionBundle", {
  resourceType: z.literal("Bundle"),
  type: z.literal("transaction", { message: 'Only Bundle.type "transaction" is accepted here' }),
  entry: z
    .array(FhirTransactionEntry)
    .min(1)
    .max(MIGRATION_LIMITS.entries, { message: `At most ${MIGRATION_LIMITS.entries} entries per Bundle` }),
});
export type FhirTransactionBundle = z.infer<typeof FhirTransactionBundle>;

/** The answer to a transaction: one response entry per request entry, in order. */
export const FhirTransactionResponse = passthroughComponent("FhirTransactionResponse", {
  resourceType: z.literal("Bundle"),
  type: z.literal("transaction-response"),
  entry: z.array(
    z
      .object({
        fullUrl: z.string().optional(),
        response: z.object({
          status: z.string(),
          location: z.string().optional(),
          etag: z.string().optional(),
          lastModified: z.string().optional(),
          outcome: z.record(z.string(), z.unknown()).optional(),
        }),
      })
      .passthrough(),
  ),
});
export type FhirTransactionResponse = z.infer<typeof FhirTransactionResponse>;

/** A recorded Consent's identifier (the key a migration is idempotent on), read from a Consent in a Bundle. */
export const FhirConsentIdentifiers = z.object({ identifier: z.array(FhirIdentifier).max(10).optional() }).passthrough();
