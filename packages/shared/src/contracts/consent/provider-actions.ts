/** consent contracts: provider actions (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { DataCategoryCode } from "../../codes/data-categories";
import { IsoDateTime, Party, PatientRef } from "./building-blocks";
import { Choice, ChoiceInput } from "./choices";
import { PushChannel, PushChannelInput, SubscriptionError, SubscriptionStatus } from "./subscriptions";

// ---------------------------------------------------------------- provider actions

export const SubscriptionRequest = z
  .object({
    patient: PatientRef,
    dataCategories: z.array(DataCategoryCode).min(1).max(20).optional(),
    channel: PushChannelInput.optional().openapi({
      description: "Push: the registry POSTs a notification Bundle to this rest-hook when the patient's consent changes",
    }),
  })
  .strict()
  .openapi("SubscriptionRequest");
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

export const Subscription = z
  .object({
    id: z.string(),
    ura: z.string(),
    organizationType: z.string(),
    dataCategories: z.array(z.string()),
    createdAt: IsoDateTime,
    status: SubscriptionStatus.optional(),
    channel: PushChannel.nullable().optional(),
    lastError: SubscriptionError.nullable().optional(),
    lastDeliveredAt: IsoDateTime.nullable().optional(),
  })
  .openapi("Subscription");
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionList = z
  .object({ items: z.array(Subscription), next: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last" }) })
  .openapi("SubscriptionList");
export type SubscriptionList = z.infer<typeof SubscriptionList>;

export const ProviderChoiceRequest = z
  .object({ patient: PatientRef, choice: ChoiceInput })
  .strict()
  .openapi("ProviderChoiceRequest", { description: "A provider records a choice on the patient's behalf (the citizen is notified)" });
export type ProviderChoiceRequest = z.infer<typeof ProviderChoiceRequest>;

export const TemporaryConsentRequest = z
  .object({
    patient: PatientRef,
    holder: Party,
    dataCategories: z.array(DataCategoryCode).min(1).max(20),
    reason: z
      .string()
      .min(3)
      .max(500)
      .openapi({ description: "Why, e.g. 'patient at the huisartsenpost agrees on the spot' (kept in the log, not shown to other providers)" }),
  })
  .strict()
  .openapi("TemporaryConsentRequest", {
    description:
      "Temporary consent (Mitz 72-uursregeling): the patient, on the spot, permits the calling provider, who is not their usual one (e.g. a huisartsenpost), to fetch their data for 72 hours. Not break-the-glass: the patient agrees.",
  });
export type TemporaryConsentRequest = z.infer<typeof TemporaryConsentRequest>;

export const TemporaryConsentResponse = z.object({ items: z.array(Choice), validUntil: IsoDateTime }).openapi("TemporaryConsentResponse");
export type TemporaryConsentResponse = z.infer<typeof TemporaryConsentResponse>;

export const ProviderNotification = z
  .object({ id: z.string(), kind: z.enum(["consent-changed"]), subscriptionId: z.string(), message: z.string(), createdAt: IsoDateTime })
  .openapi("ProviderNotification");
export const ProviderNotificationList = z.object({ items: z.array(ProviderNotification) }).openapi("ProviderNotificationList");
export type ProviderNotification = z.infer<typeof ProviderNotification>;
