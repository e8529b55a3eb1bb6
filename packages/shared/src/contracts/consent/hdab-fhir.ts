/** consent contracts: the HDAB cohort filter (re-exported by ../consent.ts; the FHIR shapes are in ./fhir.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { Bsn, BSN_MESSAGE, isValidBsn } from "../../identifiers/bsn";

// ---------------------------------------------------------------- HDAB

export const MAX_COHORT = 100_000;

/** BSNs are checked with one loop (not per-element schemas): 100,000 per call must stay cheap. */
export const CohortFilterRequest = strictComponent("CohortFilterRequest", {
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
});
export type CohortFilterRequest = z.infer<typeof CohortFilterRequest>;

export const CohortFilterResponse = component("CohortFilterResponse", { included: z.array(z.string()), excludedCount: z.number().int() });
export type CohortFilterResponse = z.infer<typeof CohortFilterResponse>;

export { Bsn };
