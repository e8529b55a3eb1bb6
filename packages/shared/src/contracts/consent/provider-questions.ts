/** consent contracts: provider questions (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { DataCategoryCode } from "../../codes/data-categories";
import { Decision, Organisation, PatientRef, Professional, Purpose, RequestingOrganisation } from "./building-blocks";

// ---------------------------------------------------------------- consent check and localisation

/** A BSN-shaped run of digits: refused in free text so no BSN lands in the log. */
const NO_BSN_DIGITS = /^(?!.*\d{8,}).*$/s;

/** Break-the-glass: the requester declares an emergency (no consent can be asked). Its own logged event, not a consent. */
export const BreakTheGlass = strictComponent(
  "BreakTheGlass",
  {
    reason: z
      .string()
      .min(3)
      .max(200)
      .regex(NO_BSN_DIGITS, { message: "The reason must not contain a BSN or another long number" })
      .openapi({ description: "Why, e.g. 'unconscious patient at the emergency department' (kept in the log; shown to the citizen)" }),
  },
  {
    description:
      "Emergency access without the patient's consent, declared by the requester for purpose TREAT. Logged as its own event (emergency-access, BTG) and shown " +
      "to the citizen. It never turns a deny into a permit (DOMAIN.md: no matching choice means deny); the answer is the consent rules' answer, marked.",
  },
);
export type BreakTheGlass = z.infer<typeof BreakTheGlass>;

export const ConsentCheckRequest = strictComponent(
  "ConsentCheckRequest",
  {
    patient: PatientRef,
    holder: Organisation,
    requester: RequestingOrganisation,
    purpose: Purpose,
    dataCategories: z.array(DataCategoryCode).min(1).max(20),
    professional: Professional.optional().openapi({ description: "The professional who asks (logged as the NEN 7513 user)" }),
    breakTheGlass: BreakTheGlass.optional(),
  },
  {
    description:
      "Either party may ask: the token's URA and organisation type must be the holder's (the dossierhouder validating before it shares) or the requester's.",
  },
);
export type ConsentCheckRequest = z.infer<typeof ConsentCheckRequest>;

export const CategoryDecision = component("CategoryDecision", {
  dataCategory: z.string(),
  decision: Decision,
  reason: z.string(),
  choiceId: z.string().nullable(),
  temporary: z.boolean().openapi({ description: "The deciding choice is a 72-hour temporary consent (given by the patient on the spot)" }),
  breakTheGlass: z
    .boolean()
    .optional()
    .openapi({ description: "The requester declared an emergency (break-the-glass); the decision is still the consent rules' decision" }),
});
export type CategoryDecision = z.infer<typeof CategoryDecision>;

export const ConsentCheckResponse = component("ConsentCheckResponse", { requestId: z.string(), decisions: z.array(CategoryDecision) });
export type ConsentCheckResponse = z.infer<typeof ConsentCheckResponse>;

export const LocateRequest = strictComponent("LocateRequest", {
  patient: PatientRef,
  requester: RequestingOrganisation,
  purpose: Purpose,
  dataCategories: z.array(DataCategoryCode).min(1).max(20).optional().openapi({ description: "Default: every data category" }),
});
export type LocateRequest = z.infer<typeof LocateRequest>;

export const LocateSource = component("LocateSource", {
  ura: z.string(),
  organizationType: z.string(),
  name: z.string().nullable().optional().openapi({ description: "From the address book (null when the URA is not in it)" }),
  place: z.string().nullable().optional().openapi({ description: "From the address book" }),
  dataCategories: z.array(z.string()),
});
export const LocateResponse = component("LocateResponse", { requestId: z.string(), sources: z.array(LocateSource) });
export type LocateResponse = z.infer<typeof LocateResponse>;
