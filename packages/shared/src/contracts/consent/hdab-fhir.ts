/** consent contracts: hdab fhir (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { Bsn, BSN_MESSAGE, isValidBsn } from "../../identifiers/bsn";

// ---------------------------------------------------------------- HDAB

export const MAX_COHORT = 100_000;

/** BSNs are checked with one loop (not per-element schemas): 100,000 per call must stay cheap. */
export const CohortFilterRequest = z
  .object({
    bsns: z
      .array(z.string())
      .min(1)
      .max(MAX_COHORT)
      .superRefine((list, ctx) => {
        let reported = 0;
        for (let i = 0; i < list.length; i++) {
          if (!isValidBsn(list[i]!)) {
            ctx.addIssue({ code: "custom", path: [i], message: BSN_MESSAGE });
            if (++reported >= 20) break;
          }
        }
      })
      .openapi({ description: `Up to ${MAX_COHORT} BSNs (11-proef)`, example: ["999990007"] }),
    permitApprovedAt: z.iso.datetime({ offset: true }).openapi({ example: "2026-11-01T00:00:00Z" }),
  })
  .strict()
  .openapi("CohortFilterRequest");
export type CohortFilterRequest = z.infer<typeof CohortFilterRequest>;

export const CohortFilterResponse = z
  .object({ included: z.array(z.string()), excludedCount: z.number().int() })
  .openapi("CohortFilterResponse");
export type CohortFilterResponse = z.infer<typeof CohortFilterResponse>;

// ---------------------------------------------------------------- FHIR

export const FhirConsentQuery = z.object({
  patient: z
    .string()
    .min(1)
    .max(80)
    .openapi({ param: { name: "patient", in: "query" }, description: "BSN, or http://fhir.nl/fhir/NamingSystem/bsn|<bsn>" }),
});

/** A FHIR R4 Bundle (searchset) of Consent resources; validated against R4 in the tests, loosely typed here. */
export const FhirBundle = z
  .object({ resourceType: z.literal("Bundle"), type: z.string(), total: z.number().int(), entry: z.array(z.record(z.string(), z.unknown())) })
  .passthrough()
  .openapi("FhirConsentBundle");

export { Bsn };
