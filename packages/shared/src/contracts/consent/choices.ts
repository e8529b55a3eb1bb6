/** consent contracts: choices (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { Bsn } from "../../identifiers/bsn";
import { DataCategoryCode } from "../../codes/data-categories";
import { Channel, ChoiceStatus, Decision, IsoDateOrDateTime, IsoDateTime, Party, queryInt, RecordedBy, seqPage } from "./building-blocks";

// ---------------------------------------------------------------- choices

/** What a citizen (or a provider on their behalf) records. */
export const ChoiceInput = strictComponent("ChoiceInput", {
  holder: Party,
  requester: Party,
  dataCategory: DataCategoryCode,
  decision: Decision,
  validUntil: IsoDateOrDateTime.nullable().optional().openapi({ description: "End date (exclusive); null or absent: no end", example: "2027-12-31" }),
});
export type ChoiceInput = z.infer<typeof ChoiceInput>;

/**
 * Development only (POST /dev/bulk-choices): many citizens' choices in one call, recorded exactly as
 * POST /v1/me/choices records them (the citizen as actor, one access-log entry per choice). Benchmarks and load
 * tests seed with it; outside ENVIRONMENT=development the route answers 404.
 */
export const DevBulkChoicesRequest = strictComponent("DevBulkChoicesRequest", {
  citizens: z
    .array(z.object({ bsn: Bsn, choices: z.array(ChoiceInput).min(1).max(50) }).strict())
    .min(1)
    .max(1000),
});
export type DevBulkChoicesRequest = z.infer<typeof DevBulkChoicesRequest>;
export const DevBulkChoicesResponse = component("DevBulkChoicesResponse", { citizens: z.number().int(), choices: z.number().int() });

/** A choice's current version as the registry holds it. */
export const Choice = component("Choice", {
  id: z.string(),
  version: z.number().int().min(1),
  holder: Party,
  requester: Party,
  dataCategory: z.string(),
  decision: Decision,
  validUntil: z.string().nullable(),
  status: ChoiceStatus,
  temporary: z
    .boolean()
    .openapi({ description: "A 72-hour temporary consent the patient gave on the spot to a provider who is not their usual one (e.g. a huisartsenpost)" }),
  recordedBy: RecordedBy,
  channel: Channel,
  createdAt: IsoDateTime,
  updatedAt: IsoDateTime,
});
export type Choice = z.infer<typeof Choice>;

/** Answer to recording a choice; `confirmation` is present when a guardian must confirm (a minor under 16). */
export const ChoiceResult = Choice.extend({
  confirmation: z
    .object({
      code: z
        .string()
        .openapi({
          description: "The koppelcode: give it to a parent or guardian, who confirms the choice with it; shown only once, never stored (only its hash)",
        }),
      expiresAt: IsoDateTime,
    })
    .optional(),
}).openapi("ChoiceResult");
export type ChoiceResult = z.infer<typeof ChoiceResult>;

export const ChoiceList = component("ChoiceList", { items: z.array(Choice) });
export type ChoiceList = z.infer<typeof ChoiceList>;

/** One version in a choice's append-only history. */
export const ChoiceVersion = Choice.extend({ change: z.enum(["created", "changed", "withdrawn", "confirmed"]) }).openapi("ChoiceVersion");
export type ChoiceVersion = z.infer<typeof ChoiceVersion>;

/** Page size of GET /v1/me/history (oldest first): default and maximum. */
export const HISTORY_PAGE_DEFAULT = 1000;
export const HISTORY_PAGE_MAX = 1000;

export const ChoiceHistory = seqPage("ChoiceHistory", ChoiceVersion, "Pass as `after` for the next (newer) page; null on the last page");
export type ChoiceHistory = z.infer<typeof ChoiceHistory>;

/** Choice ids are UUIDs; anything else is refused with 400 before any storage is touched. */
export const ChoiceId = z.string().regex(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/, { message: "Invalid choice id" });

export const ChoiceIdParam = z.object({ id: ChoiceId.openapi({ param: { name: "id", in: "path" } }) });

/** A child's opaque id (a pseudonym, lower-case hex) as GET /v1/me/children lists it. */
export const ChildId = z.string().regex(/^[0-9a-f]{16,64}$/, { message: "Invalid child id" });

/** `?child=<childId>`: a guardian acting for a child (ids from GET /v1/me/children). */
export const ActingForQuery = z.object({
  child: ChildId.optional().openapi({
    param: { name: "child", in: "query" },
    description: "Act for a child you are the guardian of (id from GET /v1/me/children)",
  }),
});

/** `?limit=&after=`: one page of the choice history, oldest first (`after`: the `next` of the previous page). */
export const HistoryQuery = ActingForQuery.extend({
  limit: queryInt("limit", HISTORY_PAGE_MAX, `Versions per page (default ${HISTORY_PAGE_DEFAULT}, at most ${HISTORY_PAGE_MAX})`),
  after: queryInt("after", Number.MAX_SAFE_INTEGER, "The previous page's `next`"),
});

// ---------------------------------------------------------------- minors

/** Who records a minor's choices, by age: the description of `Child.guardianRecords`. */
const WHO_RECORDS_BY_AGE =
  "true under 12: the guardian records the child's choices with ?child=. From 12 to 16 the child records its own and the guardian confirms them with the code (koppelcode); from 16 the child alone";

export const Child = component("Child", {
  childId: z.string().openapi({ description: "Opaque id; use as ?child= on /v1/me/* routes" }),
  name: z.string().nullable(),
  birthDate: z.string(),
  age: z.number().int(),
  guardianManages: z.boolean().openapi({ description: "true while the child is under 16 (the guardian records, or confirms the child's own choices)" }),
  guardianRecords: z.boolean().optional().openapi({ description: WHO_RECORDS_BY_AGE }),
  pendingChoices: z.number().int(),
});
export const ChildList = component("ChildList", { items: z.array(Child) });
export type Child = z.infer<typeof Child>;

export const ConfirmChoiceRequest = strictComponent("ConfirmChoiceRequest", { choiceId: ChoiceId, code: z.string().min(4).max(32) });
export type ConfirmChoiceRequest = z.infer<typeof ConfirmChoiceRequest>;
