/**
 * HTTP contract of the consent registry (apps/consent). The single source for validation, types, OpenAPI
 * and the typed client in `clients/consent.ts`. Paths and field names follow docs ARCHITECTURE.md.
 * Changes to this file are additive only: the portal and the catalogue depend on it.
 */
import { z } from "@hono/zod-openapi";
import { Bsn, BSN_MESSAGE, isValidBsn } from "../identifiers/bsn";
import { Ura, UziRole } from "../identifiers/ura";
import { OrganizationTypeCode, ProviderCategory } from "../codes/organisation-types";
import { DataCategoryCode } from "../codes/data-categories";

// ---------------------------------------------------------------- building blocks

/** A calendar date or date-time (ISO 8601). */
const IsoDateOrDateTime = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: "Expected an ISO 8601 date (YYYY-MM-DD) or date-time",
  });
const IsoDateTime = z.string().openapi({ format: "date-time", example: "2026-11-23T12:00:00.000Z" });

export const Decision = z.enum(["permit", "deny"]).openapi("Decision");
export type Decision = z.infer<typeof Decision>;

export const Purpose = z
  .enum(["TREAT", "COC"])
  .openapi("Purpose", { description: "TREAT: treatment with explicit consent; COC: continuity of care (assumed consent)" });
export type Purpose = z.infer<typeof Purpose>;

/** One side of a choice (holder or requester): a provider category, or one named organisation by URA. */
export const Party = z
  .union([z.object({ category: ProviderCategory }).strict(), z.object({ ura: Ura }).strict()])
  .openapi("Party", { description: 'Either {"category": "huisarts"} or {"ura": "00001001"}' });
export type Party = z.infer<typeof Party>;

/** A concrete organisation in a question: URA plus organisation type. */
export const Organisation = z
  .object({ ura: Ura, organizationType: OrganizationTypeCode })
  .strict()
  .openapi("Organisation");
export type Organisation = z.infer<typeof Organisation>;

export const RequestingOrganisation = z
  .object({ ura: Ura, organizationType: OrganizationTypeCode, uziRole: UziRole.optional() })
  .strict()
  .openapi("RequestingOrganisation");
export type RequestingOrganisation = z.infer<typeof RequestingOrganisation>;

export const PatientRef = z.object({ bsn: Bsn }).strict().openapi("PatientRef");

export const ChoiceStatus = z
  .enum(["active", "pending", "withdrawn"])
  .openapi("ChoiceStatus", { description: "pending: a minor's choice waiting for a guardian's confirmation" });
export type ChoiceStatus = z.infer<typeof ChoiceStatus>;

export const Channel = z.enum(["portal", "provider"]).openapi("Channel");
export type Channel = z.infer<typeof Channel>;

export const RecordedBy = z
  .object({
    role: z.enum(["citizen", "guardian", "provider"]),
    ura: Ura.optional().openapi({ description: "When a provider recorded it" }),
    organizationType: z.string().optional(),
  })
  .openapi("RecordedBy");
export type RecordedBy = z.infer<typeof RecordedBy>;

// ---------------------------------------------------------------- choices

/** What a citizen (or a provider on their behalf) records. */
export const ChoiceInput = z
  .object({
    holder: Party,
    requester: Party,
    dataCategory: DataCategoryCode,
    decision: Decision,
    validUntil: IsoDateOrDateTime.nullable().optional().openapi({ description: "End date (exclusive); null or absent: no end", example: "2027-12-31" }),
  })
  .strict()
  .openapi("ChoiceInput");
export type ChoiceInput = z.infer<typeof ChoiceInput>;

/**
 * Development only (POST /dev/bulk-choices): many citizens' choices in one call, recorded exactly as
 * POST /v1/me/choices records them (the citizen as actor, one access-log entry per choice). Benchmarks and load
 * tests seed with it; outside ENVIRONMENT=development the route answers 404.
 */
export const DevBulkChoicesRequest = z
  .object({
    citizens: z
      .array(z.object({ bsn: Bsn, choices: z.array(ChoiceInput).min(1).max(50) }).strict())
      .min(1)
      .max(1000),
  })
  .strict()
  .openapi("DevBulkChoicesRequest");
export type DevBulkChoicesRequest = z.infer<typeof DevBulkChoicesRequest>;
export const DevBulkChoicesResponse = z
  .object({ citizens: z.number().int(), choices: z.number().int() })
  .openapi("DevBulkChoicesResponse");

/** A choice's current version as the registry holds it. */
export const Choice = z
  .object({
    id: z.string(),
    version: z.number().int().min(1),
    holder: Party,
    requester: Party,
    dataCategory: z.string(),
    decision: Decision,
    validUntil: z.string().nullable(),
    status: ChoiceStatus,
    temporary: z.boolean().openapi({ description: "A 72-hour temporary consent recorded in an acute situation" }),
    recordedBy: RecordedBy,
    channel: Channel,
    createdAt: IsoDateTime,
    updatedAt: IsoDateTime,
  })
  .openapi("Choice");
export type Choice = z.infer<typeof Choice>;

/** Answer to recording a choice; `confirmation` is present when a guardian must confirm (a minor under 16). */
export const ChoiceResult = Choice.extend({
  confirmation: z
    .object({
      code: z.string().openapi({ description: "Give this code to a parent or guardian; shown only once" }),
      expiresAt: IsoDateTime,
    })
    .optional(),
}).openapi("ChoiceResult");
export type ChoiceResult = z.infer<typeof ChoiceResult>;

export const ChoiceList = z.object({ items: z.array(Choice) }).openapi("ChoiceList");
export type ChoiceList = z.infer<typeof ChoiceList>;

/** One version in a choice's append-only history. */
export const ChoiceVersion = Choice.extend({
  change: z.enum(["created", "changed", "withdrawn", "confirmed"]),
}).openapi("ChoiceVersion");
export type ChoiceVersion = z.infer<typeof ChoiceVersion>;

/** Page size of GET /v1/me/history (oldest first): default and maximum. */
export const HISTORY_PAGE_DEFAULT = 1000;
export const HISTORY_PAGE_MAX = 1000;

export const ChoiceHistory = z
  .object({
    items: z.array(ChoiceVersion),
    // optional in the schema so producers from before paging still parse; this registry always sends it
    next: z.number().int().nullable().optional().openapi({ description: "Pass as `after` for the next (newer) page; null on the last page" }),
  })
  .openapi("ChoiceHistory");
export type ChoiceHistory = z.infer<typeof ChoiceHistory>;

/** Choice ids are UUIDs; anything else is refused with 400 before any storage is touched. */
export const ChoiceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: "Invalid choice id" });

export const ChoiceIdParam = z.object({ id: ChoiceId.openapi({ param: { name: "id", in: "path" } }) });

/** A child's opaque id (a pseudonym, lower-case hex) as GET /v1/me/children lists it. */
export const ChildId = z.string().regex(/^[0-9a-f]{16,64}$/, { message: "Invalid child id" });

/** `?child=<childId>`: a guardian acting for a child (ids from GET /v1/me/children). */
export const ActingForQuery = z.object({
  child: ChildId
    .optional()
    .openapi({ param: { name: "child", in: "query" }, description: "Act for a child you are the guardian of (id from GET /v1/me/children)" }),
});

/** `?limit=&after=`: one page of the choice history, oldest first (`after`: the `next` of the previous page). */
export const HistoryQuery = ActingForQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(HISTORY_PAGE_MAX)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, description: `Versions per page (default ${HISTORY_PAGE_DEFAULT}, at most ${HISTORY_PAGE_MAX})` }),
  after: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ param: { name: "after", in: "query" }, description: "The previous page's `next`" }),
});

// ---------------------------------------------------------------- minors

export const Child = z
  .object({
    childId: z.string().openapi({ description: "Opaque id; use as ?child= on /v1/me/* routes" }),
    name: z.string().nullable(),
    birthDate: z.string(),
    age: z.number().int(),
    guardianManages: z.boolean().openapi({ description: "true while the child is under 16" }),
    pendingChoices: z.number().int(),
  })
  .openapi("Child");
export const ChildList = z.object({ items: z.array(Child) }).openapi("ChildList");
export type Child = z.infer<typeof Child>;

export const ConfirmChoiceRequest = z
  .object({ choiceId: ChoiceId, code: z.string().min(4).max(32) })
  .strict()
  .openapi("ConfirmChoiceRequest");
export type ConfirmChoiceRequest = z.infer<typeof ConfirmChoiceRequest>;

// ---------------------------------------------------------------- consent check and localisation

export const ConsentCheckRequest = z
  .object({
    patient: PatientRef,
    holder: Organisation,
    requester: RequestingOrganisation,
    purpose: Purpose,
    dataCategories: z.array(DataCategoryCode).min(1).max(20),
  })
  .strict()
  .openapi("ConsentCheckRequest");
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
  .object({ ura: z.string(), organizationType: z.string(), name: z.string().nullable().optional(), dataCategories: z.array(z.string()) })
  .openapi("LocateSource");
export const LocateResponse = z.object({ requestId: z.string(), sources: z.array(LocateSource) }).openapi("LocateResponse");
export type LocateResponse = z.infer<typeof LocateResponse>;

// ---------------------------------------------------------------- provider actions

export const SubscriptionRequest = z
  .object({ patient: PatientRef, dataCategories: z.array(DataCategoryCode).min(1).max(20).optional() })
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
  })
  .openapi("Subscription");
export type Subscription = z.infer<typeof Subscription>;

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
    reason: z.string().min(3).max(500).openapi({ description: "Why the acute situation needs it (kept in the log, not shown to other providers)" }),
  })
  .strict()
  .openapi("TemporaryConsentRequest", { description: "Acute situation: a 72-hour permit for the calling provider as requester" });
export type TemporaryConsentRequest = z.infer<typeof TemporaryConsentRequest>;

export const TemporaryConsentResponse = z
  .object({ items: z.array(Choice), validUntil: IsoDateTime })
  .openapi("TemporaryConsentResponse");
export type TemporaryConsentResponse = z.infer<typeof TemporaryConsentResponse>;

export const ProviderNotification = z
  .object({
    id: z.string(),
    kind: z.enum(["consent-changed"]),
    subscriptionId: z.string(),
    message: z.string(),
    createdAt: IsoDateTime,
  })
  .openapi("ProviderNotification");
export const ProviderNotificationList = z.object({ items: z.array(ProviderNotification) }).openapi("ProviderNotificationList");
export type ProviderNotification = z.infer<typeof ProviderNotification>;

// ---------------------------------------------------------------- citizen: notifications, access log, opt-out

export const Notification = z
  .object({
    id: z.string(),
    kind: z.enum(["choice-recorded-by-provider", "choice-pending-confirmation", "choice-confirmed", "temporary-consent", "secondary-use-changed"]),
    message: z.string(),
    choiceId: z.string().nullable(),
    createdAt: IsoDateTime,
  })
  .openapi("Notification");
export const NotificationList = z.object({ items: z.array(Notification) }).openapi("NotificationList");
export type Notification = z.infer<typeof Notification>;

export const AccessLogEntry = z
  .object({
    seq: z.number().int(),
    eventId: z.string(),
    action: z.enum(["consent-check", "locate", "choice-recorded", "choice-changed", "choice-withdrawn", "choice-confirmed", "temporary-consent", "subscription", "fhir-read", "secondary-use-changed"]),
    at: IsoDateTime,
    outcome: z.string().openapi({ description: "e.g. permit, deny, partial, recorded, pending" }),
    actor: z.object({
      role: z.string(),
      ura: z.string().nullable(),
      organizationType: z.string().nullable(),
      uziRole: z.string().nullable(),
      name: z.string().nullable().optional(),
    }),
    holderUra: z.string().nullable(),
    purpose: z.string().nullable(),
    dataCategories: z.array(z.string()),
    emergency: z.boolean(),
    hash: z.string(),
    prevHash: z.string(),
  })
  .openapi("AccessLogEntry");
/** Page size of GET /v1/me/access-log: default and maximum. */
export const ACCESS_LOG_PAGE_DEFAULT = 100;
export const ACCESS_LOG_PAGE_MAX = 500;

/** `?limit=&before=`: one page of the access log, newest first (`before`: the `next` of the previous page). */
export const AccessLogQuery = ActingForQuery.extend({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(ACCESS_LOG_PAGE_MAX)
    .optional()
    .openapi({ param: { name: "limit", in: "query" }, description: `Entries per page (default ${ACCESS_LOG_PAGE_DEFAULT}, at most ${ACCESS_LOG_PAGE_MAX})` }),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .max(Number.MAX_SAFE_INTEGER)
    .optional()
    .openapi({ param: { name: "before", in: "query" }, description: "Only entries older than this seq: pass the previous page's `next`" }),
});

export const AccessLog = z
  .object({
    items: z.array(AccessLogEntry),
    // optional in the schema so producers from before paging still parse; this registry always sends it
    next: z.number().int().nullable().optional().openapi({ description: "Pass as `before` for the next (older) page; null on the last page" }),
  })
  .openapi("AccessLog");
export type AccessLogEntry = z.infer<typeof AccessLogEntry>;

export const AccessLogVerification = z
  .object({ valid: z.boolean(), entries: z.number().int(), firstInvalidSeq: z.number().int().nullable() })
  .openapi("AccessLogVerification");
export type AccessLogVerification = z.infer<typeof AccessLogVerification>;

export const SecondaryUseRequest = z.object({ optOut: z.boolean() }).strict().openapi("SecondaryUseRequest");
export const SecondaryUseState = z
  .object({ optOut: z.boolean(), changedAt: IsoDateTime.nullable() })
  .openapi("SecondaryUseState");
export type SecondaryUseState = z.infer<typeof SecondaryUseState>;

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
