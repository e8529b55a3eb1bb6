/** consent contracts: provider questions (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { DataCategoryCode } from "../../codes/data-categories";
import { Decision, Organisation, PatientRef, Professional, Purpose, RequestingOrganisation } from "./building-blocks";

// ---------------------------------------------------------------- consent check and localisation

export const ConsentCheckRequest = z
  .object({
    patient: PatientRef,
    holder: Organisation,
    requester: RequestingOrganisation,
    purpose: Purpose,
    dataCategories: z.array(DataCategoryCode).min(1).max(20),
    professional: Professional.optional().openapi({ description: "The professional who asks (logged as the NEN 7513 user)" }),
  })
  .strict()
  .openapi("ConsentCheckRequest", {
    description: "Either party may ask: the token's URA and organisation type must be the holder's (the dossierhouder validating before it shares) or the requester's.",
  });
export type ConsentCheckRequest = z.infer<typeof ConsentCheckRequest>;

export const CategoryDecision = z
  .object({
    dataCategory: z.string(),
    decision: Decision,
    reason: z.string(),
    choiceId: z.string().nullable(),
    temporary: z.boolean().openapi({ description: "The deciding choice is a 72-hour temporary consent" }),
  })
  .openapi("CategoryDecision");
export type CategoryDecision = z.infer<typeof CategoryDecision>;

export const ConsentCheckResponse = z
  .object({ requestId: z.string(), decisions: z.array(CategoryDecision) })
  .openapi("ConsentCheckResponse");
export type ConsentCheckResponse = z.infer<typeof ConsentCheckResponse>;

export const LocateRequest = z
  .object({
    patient: PatientRef,
    requester: RequestingOrganisation,
    purpose: Purpose,
    dataCategories: z.array(DataCategoryCode).min(1).max(20).optional().openapi({ description: "Default: every data category" }),
  })
  .strict()
  .openapi("LocateRequest");
export type LocateRequest = z.infer<typeof LocateRequest>;

export const LocateSource = z
  .object({
    ura: z.string(),
    organizationType: z.string(),
    name: z.string().nullable().optional().openapi({ description: "From the address book (null when the URA is not in it)" }),
    place: z.string().nullable().optional().openapi({ description: "From the address book" }),
    dataCategories: z.array(z.string()),
  })
  .openapi("LocateSource");
export const LocateResponse = z.object({ requestId: z.string(), sources: z.array(LocateSource) }).openapi("LocateResponse");
export type LocateResponse = z.infer<typeof LocateResponse>;
