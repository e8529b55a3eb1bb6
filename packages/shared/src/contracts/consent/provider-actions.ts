/** consent contracts: provider actions (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { DataCategoryCode } from "../../codes/data-categories";
import { IsoDateTime, Party, PatientRef } from "./building-blocks";
import { Choice, ChoiceInput } from "./choices";
import { PushChannel, PushChannelInput, SubscriptionError, SubscriptionStatus } from "./subscriptions";

// ---------------------------------------------------------------- provider actions

export const SubscriptionRequest = strictComponent("SubscriptionRequest", {
  patient: PatientRef,
  dataCategories: z.array(DataCategoryCode).min(1).max(20).optional(),
  channel: PushChannelInput.optional().openapi({
    description: "Push: the registry POSTs a notification Bundle to this rest-hook when the patient's consent changes",
  }),
});
export type SubscriptionRequest = z.infer<typeof SubscriptionRequest>;

export const Subscription = component("Subscription", {
  id: z.string(),
  ura: z.string(),
  organizationType: z.string(),
  dataCategories: z.array(z.string()),
  createdAt: IsoDateTime,
  status: SubscriptionStatus.optional(),
  channel: PushChannel.nullable().optional(),
  lastError: SubscriptionError.nullable().optional(),
  lastDeliveredAt: IsoDateTime.nullable().optional(),
});
export type Subscription = z.infer<typeof Subscription>;

export const SubscriptionList = component("SubscriptionList", {
  items: z.array(Subscription),
  next: z.string().nullable().openapi({ description: "Pass as `cursor` for the next page; null on the last" }),
});
export type SubscriptionList = z.infer<typeof SubscriptionList>;

export const ProviderChoiceRequest = strictComponent(
  "ProviderChoiceRequest",
  { patient: PatientRef, choice: ChoiceInput },
  { description: "A provider records a choice on the patient's behalf (the citizen is notified)" },
);
export type ProviderChoiceRequest = z.infer<typeof ProviderChoiceRequest>;

export const TemporaryConsentRequest = strictComponent(
  "TemporaryConsentRequest",
  {
    patient: PatientRef,
    holder: Party,
    dataCategories: z.array(DataCategoryCode).min(1).max(20),
    reason: z
      .string()
      .min(3)
      .max(500)
      .openapi({ description: "Why, e.g. 'patient at the huisartsenpost agrees on the spot' (kept in the log, not shown to other providers)" }),
  },
  {
    description:
      "Temporary consent (Mitz 72-uursregeling): the patient, on the spot, permits the calling provider, who is not their usual one (e.g. a huisartsenpost), to fetch their data for 72 hours. Not break-the-glass: the patient agrees.",
  },
);
export type TemporaryConsentRequest = z.infer<typeof TemporaryConsentRequest>;

export const TemporaryConsentResponse = component("TemporaryConsentResponse", { items: z.array(Choice), validUntil: IsoDateTime });
export type TemporaryConsentResponse = z.infer<typeof TemporaryConsentResponse>;

export const ProviderNotification = component("ProviderNotification", {
  id: z.string(),
  kind: z.enum(["consent-changed"]),
  subscriptionId: z.string(),
  message: z.string(),
  createdAt: IsoDateTime,
});
export const ProviderNotificationList = component("ProviderNotificationList", { items: z.array(ProviderNotification) });
export type ProviderNotification = z.infer<typeof ProviderNotification>;
