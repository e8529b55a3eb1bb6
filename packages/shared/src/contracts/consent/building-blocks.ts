/** consent contracts: building blocks (re-exported by ../consent.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { Bsn } from "../../identifiers/bsn";
import { Ura, UziNumber, UziRole } from "../../identifiers/ura";
import { OrganizationTypeCode, ProviderCategory } from "../../codes/organisation-types";

// ---------------------------------------------------------------- building blocks

/**
 * One page of a list paged by sequence number: `items`, and `next` (pass it for the next page; null on the last page;
 * optional in the schema so producers from before paging still parse; this registry always sends it).
 */
export const seqPage = <T extends z.ZodType>(name: string, item: T, next: string) =>
  z.object({ items: z.array(item), next: z.number().int().nullable().optional().openapi({ description: next }) }).openapi(name);

/** An optional whole number from 1 to `max` in the query string: a page size, or a sequence-number cursor (`max` MAX_SAFE_INTEGER). */
export const queryInt = (name: string, max: number, description: string) =>
  z.coerce
    .number()
    .int()
    .min(1)
    .max(max)
    .optional()
    .openapi({ param: { name, in: "query" }, description });

/** A calendar date or date-time (ISO 8601). */
export const IsoDateOrDateTime = z
  .string()
  .refine((v) => /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:\d{2})?)?$/.test(v) && !Number.isNaN(Date.parse(v)), {
    message: "Expected an ISO 8601 date (YYYY-MM-DD) or date-time",
  });
export const IsoDateTime = z.string().openapi({ format: "date-time", example: "2026-11-23T12:00:00.000Z" });

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
export const Organisation = strictComponent("Organisation", { ura: Ura, organizationType: OrganizationTypeCode });
export type Organisation = z.infer<typeof Organisation>;

export const RequestingOrganisation = strictComponent("RequestingOrganisation", {
  ura: Ura,
  organizationType: OrganizationTypeCode,
  uziRole: UziRole.optional(),
});
export type RequestingOrganisation = z.infer<typeof RequestingOrganisation>;

export const PatientRef = strictComponent("PatientRef", { bsn: Bsn });

export const ChoiceStatus = z
  .enum(["active", "pending", "withdrawn"])
  .openapi("ChoiceStatus", { description: "pending: a minor's choice waiting for a guardian's confirmation" });
export type ChoiceStatus = z.infer<typeof ChoiceStatus>;

export const Channel = z.enum(["portal", "provider"]).openapi("Channel");
export type Channel = z.infer<typeof Channel>;

export const RecordedBy = component("RecordedBy", {
  role: z.enum(["citizen", "guardian", "provider"]),
  ura: Ura.optional().openapi({ description: "When a provider recorded it" }),
  organizationType: z.string().optional(),
});
export type RecordedBy = z.infer<typeof RecordedBy>;

/**
 * The care professional behind a question (NEN 7513 "user"): UZI number and role, and when acting for another
 * professional (mandate, e.g. a doktersassistent for a huisarts) that professional's UZI number and role.
 */
export const Professional = strictComponent("Professional", {
  uziNumber: UziNumber,
  role: UziRole,
  mandatedBy: z
    .object({ uziNumber: UziNumber, role: UziRole.optional() })
    .strict()
    .optional()
    .openapi({ description: "The professional who mandated this one (Mitz: MandatedID)" }),
});
export type Professional = z.infer<typeof Professional>;
