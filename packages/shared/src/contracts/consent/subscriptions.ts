/**
 * consent contracts: subscriptions with push (re-exported by ../consent.ts). The JSON API's channel and status, and the
 * FHIR R4 Subscription as Mitz has it (`reason` OTV, `criteria` Consent?_query=otv&patientid=…&providerid=…&providertype=…,
 * `channel.type` rest-hook). Which endpoints are allowed is decided by `checkOutboundUrl` (../../http/outbound-url.ts) at
 * the route, since it depends on the environment.
 */
import { z } from "@hono/zod-openapi";
import { component, passthroughComponent, strictComponent } from "../component";
import { queryInt } from "./building-blocks";

/** A channel header as FHIR R4 has it ("Name: value"); the value is sealed at rest and never shown again. */
export const ChannelHeader = z
  .string()
  .max(1024)
  .regex(/^[A-Za-z0-9!#$%&'*+.^_`|~-]+: ?[\t\x20-\x7e]+$/, 'A header is "Name: value" in visible ASCII')
  .refine((h) => !/^(host|content-type|content-length|transfer-encoding|connection)\s*:/i.test(h), "This header is set by the registry")
  .openapi({ example: "Authorization: Bearer 8c3a…" });

export const PushChannelInput = strictComponent("PushChannelInput", {
  endpoint: z.string().min(1).max(2000).openapi({ example: "https://ehr.example.nl/fhir/notify" }),
  headers: z.array(ChannelHeader).max(5).optional(),
});
export type PushChannelInput = z.infer<typeof PushChannelInput>;

export const PushChannel = component("PushChannel", {
  type: z.literal("rest-hook"),
  endpoint: z.string(),
  headers: z.array(z.string()).openapi({ description: "Header names only; the values are sealed" }),
});
export type PushChannel = z.infer<typeof PushChannel>;

export const SubscriptionStatus = z
  .enum(["active", "error", "off"])
  .openapi("SubscriptionStatus", {
    description: "error: the last notification went to the dead-letter queue after every retry failed; a later successful delivery makes it active again",
  });
export type SubscriptionStatus = z.infer<typeof SubscriptionStatus>;

export const SubscriptionError = component("SubscriptionError", { message: z.string(), at: z.string() });

export const SubscriptionListQuery = z.object({
  limit: queryInt("limit", 500, "At most 500 (default 100)"),
  cursor: z
    .string()
    .max(100)
    .optional()
    .openapi({ param: { name: "cursor", in: "query" } }),
});

export const SubscriptionIdParam = z.object({ id: z.uuid().openapi({ param: { name: "id", in: "path" } }) });

// ---------------------------------------------------------------- FHIR R4 Subscription (Mitz)

/** The extensions Mitz allows on a Subscription (nuts-knooppunt component/mitz); others are refused. */
export const MITZ_SUBSCRIPTION_EXTENSIONS = [
  "http://fhir.nl/StructureDefinition/Patient.birthDate",
  "http://fhir.nl/StructureDefinition/GatewaySystem",
  "http://fhir.nl/StructureDefinition/SourceSystem",
] as const;

export const FhirSubscriptionRequest = passthroughComponent(
  "FhirSubscriptionRequest",
  {
    resourceType: z.literal("Subscription"),
    status: z.literal("requested", { message: "Subscription.status must be 'requested'" }),
    reason: z.literal("OTV", { message: "Subscription.reason must be 'OTV'" }),
    criteria: z.string().min(1).max(300).openapi({ example: "Consent?_query=otv&patientid=999990007&providerid=00001001&providertype=Z3" }),
    channel: z
      .object({
        type: z.literal("rest-hook", { message: "Subscription.channel.type must be 'rest-hook'" }),
        endpoint: z.string().min(1).max(2000),
        payload: z.enum(["application/fhir+json", "application/json"]).optional().openapi({ description: "Notifications are sent as application/fhir+json" }),
        header: z.array(ChannelHeader).max(5).optional(),
      })
      .passthrough(),
    extension: z
      .array(z.object({ url: z.enum(MITZ_SUBSCRIPTION_EXTENSIONS, { message: "Unsupported extension" }) }).passthrough())
      .max(3)
      .optional(),
    id: z.string().optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
    end: z.string().optional(),
    contact: z.array(z.unknown()).optional(),
  },
  { description: "A FHIR R4 Subscription as Mitz accepts it" },
);
export type FhirSubscriptionRequest = z.infer<typeof FhirSubscriptionRequest>;

export const FhirSubscription = passthroughComponent("FhirSubscription", {
  resourceType: z.literal("Subscription"),
  id: z.string(),
  status: z.enum(["requested", "active", "error", "off"]),
  reason: z.literal("OTV"),
  criteria: z.string(),
  error: z.string().optional(),
  channel: z.object({ type: z.literal("rest-hook"), endpoint: z.string().optional(), payload: z.string().optional() }).passthrough(),
});
export type FhirSubscription = z.infer<typeof FhirSubscription>;

/** A FHIR Bundle of Subscription resources (searchset); validated against R4 in the tests. */
export const FhirSubscriptionBundle = passthroughComponent("FhirSubscriptionBundle", {
  resourceType: z.literal("Bundle"),
  type: z.literal("searchset"),
  entry: z.array(z.object({ resource: FhirSubscription }).passthrough()),
});

/** An OperationOutcome (FHIR's error) as Regie returns it on /fhir. */
export const SubscriptionOperationOutcome = component("SubscriptionOperationOutcome", {
  resourceType: z.literal("OperationOutcome"),
  issue: z.array(
    z.object({
      severity: z.enum(["fatal", "error", "warning", "information"]),
      code: z.string(),
      diagnostics: z.string().optional(),
      expression: z.array(z.string()).optional(),
    }),
  ),
});
