/** Small helpers shared by the route modules. */
import { z } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { FACET_FIELDS, SearchQuery } from "@regie/shared/contracts/catalogue";
import { zodIssuesToErrors } from "@regie/shared";
import { decodeCursor } from "../search/search";

export { BEARER_SECURITY as BEARER } from "@regie/shared";

/** The optional Idempotency-Key request header of POSTs that create things (see http/idempotency.ts). */
export const IdempotencyHeader = z.object({
  "idempotency-key": z.string().optional().openapi({ param: { name: "idempotency-key", in: "header" }, description: "Send the same key to retry safely: one thing is created, the first answer is replayed" }),
});
export const IDEMPOTENCY_NOTE = "With an `Idempotency-Key` header a retry creates nothing new and gets the first answer again.";

const CODE_FACETS = new Set(["theme", "healthCategory", "accessRights", "format", "language"]);
const NUMBERS = ["minAge", "maxAge", "minIndividuals", "limit"] as const;

/** Parses GET /v1/datasets query parameters: facets repeat (or, for code facets, are comma separated). */
export function parseSearchParams(params: URLSearchParams): { query: SearchQuery; offset: number; limit: number; lang: "en" | "nl" } {
  const raw: Record<string, unknown> = {};
  for (const f of FACET_FIELDS) {
    const values = params.getAll(f).flatMap((v) => (CODE_FACETS.has(f) ? v.split(",") : [v])).map((v) => v.trim()).filter(Boolean);
    if (values.length) raw[f] = values;
  }
  for (const k of ["q", "temporalStart", "temporalEnd", "sort", "cursor"]) {
    const v = params.get(k);
    if (v !== null && v !== "") raw[k] = v;
  }
  for (const k of NUMBERS) {
    const v = params.get(k);
    if (v !== null && v !== "") raw[k] = /^-?\d+$/.test(v) ? Number(v) : v;
  }
  const parsed = SearchQuery.safeParse(raw);
  if (!parsed.success) throw new ApiError("VALIDATION_FAILED", "The search parameters are not valid", { errors: zodIssuesToErrors(parsed.error.issues, "/query") });
  const query = parsed.data;
  let offset = 0;
  if (query.cursor) {
    const o = decodeCursor(query.cursor);
    if (o === null) throw new ApiError("BAD_REQUEST", "The cursor is not valid: use nextCursor from a previous response");
    offset = o;
  }
  const lang = params.get("lang") === "nl" ? "nl" : "en";
  const { cursor: _c, limit, ...rest } = query;
  void _c;
  return { query: rest, offset, limit: limit ?? 20, lang };
}

/** Lenient OpenAPI description of the search parameters (the handler validates them). */
export const searchQueryDoc = SearchQuery.partial();
