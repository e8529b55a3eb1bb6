/** consent contracts: citizen (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { IsoDateTime, queryInt, seqPage } from "./building-blocks";
import { ActingForQuery } from "./choices";

// ---------------------------------------------------------------- citizen: notifications, access log, opt-out

export const Notification = component("Notification", {
  id: z.string(),
  kind: z.enum([
    "choice-recorded-by-provider",
    "choice-withdrawn-by-provider",
    "choice-pending-confirmation",
    "choice-confirmed",
    "temporary-consent",
    "secondary-use-changed",
    "emergency-access",
  ]),
  message: z.string(),
  choiceId: z.string().nullable(),
  createdAt: IsoDateTime,
});
export const NotificationList = component("NotificationList", { items: z.array(Notification) });
export type Notification = z.infer<typeof Notification>;

export const AccessLogEntry = component("AccessLogEntry", {
  seq: z.number().int(),
  eventId: z.string(),
  action: z
    .enum([
      "consent-check",
      "locate",
      "choice-recorded",
      "choice-changed",
      "choice-withdrawn",
      "choice-confirmed",
      "temporary-consent",
      "subscription",
      "fhir-read",
      "secondary-use-changed",
      "emergency-access",
    ])
    .openapi({ description: "emergency-access: a provider declared an emergency (break-the-glass) when it asked; see breakTheGlass" }),
  at: IsoDateTime,
  outcome: z.string().openapi({ description: "e.g. permit, deny, partial, recorded, pending" }),
  actor: z.object({
    role: z.string(),
    ura: z.string().nullable(),
    organizationType: z.string().nullable(),
    uziRole: z.string().nullable(),
    name: z.string().nullable().optional(),
  }),
  onBehalfOf: z
    .object({ ura: z.string(), organizationType: z.string().nullable() })
    .nullable()
    .optional()
    .openapi({ description: "The organisation the asker asked for (the requester, when the holder asked); null when it asked for itself" }),
  professional: z
    .object({ uziNumber: z.string(), role: z.string().nullable(), mandatedBy: z.string().nullable() })
    .nullable()
    .optional()
    .openapi({ description: "The care professional (UZI number, role; mandatedBy: UZI number of the professional acting through a mandate)" }),
  holderUra: z.string().nullable(),
  purpose: z.string().nullable(),
  dataCategories: z.array(z.string()),
  emergency: z
    .boolean()
    .openapi({
      description: "Kept for compatibility, the same as temporaryConsent: a 72-hour temporary consent was recorded or decided the answer. Not break-the-glass",
    }),
  temporaryConsent: z
    .boolean()
    .optional()
    .openapi({ description: "A 72-hour temporary consent (given by the patient on the spot) was recorded or decided the answer" }),
  breakTheGlass: z
    .boolean()
    .optional()
    .openapi({
      description: "The provider declared an emergency without the patient's consent (break-the-glass); the answer is still the consent rules' answer",
    }),
  emergencyReason: z.string().nullable().optional().openapi({ description: "The reason the provider gave when it declared the emergency" }),
  hash: z.string(),
  prevHash: z.string(),
});
/** Page size of GET /v1/me/access-log: default and maximum. */
export const ACCESS_LOG_PAGE_DEFAULT = 100;
export const ACCESS_LOG_PAGE_MAX = 500;

/** `?limit=&before=`: one page of the access log, newest first (`before`: the `next` of the previous page). */
export const AccessLogQuery = ActingForQuery.extend({
  limit: queryInt("limit", ACCESS_LOG_PAGE_MAX, `Entries per page (default ${ACCESS_LOG_PAGE_DEFAULT}, at most ${ACCESS_LOG_PAGE_MAX})`),
  before: queryInt("before", Number.MAX_SAFE_INTEGER, "Only entries older than this seq: pass the previous page's `next`"),
});

export const AccessLog = seqPage("AccessLog", AccessLogEntry, "Pass as `before` for the next (older) page; null on the last page");
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogVerification = component("AccessLogVerification", {
  valid: z.boolean(),
  entries: z.number().int(),
  firstInvalidSeq: z.number().int().nullable(),
});
export type AccessLogVerification = z.infer<typeof AccessLogVerification>;

export const SecondaryUseRequest = strictComponent("SecondaryUseRequest", { optOut: z.boolean() });
export const SecondaryUseState = component("SecondaryUseState", { optOut: z.boolean(), changedAt: IsoDateTime.nullable() });
export type SecondaryUseState = z.infer<typeof SecondaryUseState>;
