/**
 * The provider address book over the registry's own API: search by name and place, read one organisation, and the
 * operator's load of a ZORG-AB / mCSD export (idempotent, all or nothing per organisation, with a report).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, routeGroup } from "@regie/shared";
import {
  AddressBookReport,
  AddressBookSyncState,
  DirectoryOrganisation,
  FhirInputBundle,
  ORGANISATION_SEARCH_DEFAULT,
  OrganisationSearchQuery,
  OrganisationSearchResult,
  UraParam,
} from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { loadBundle } from "../address-book/load";
import { getOrganisation, getOrganisations, searchOrganisations } from "../address-book/store";
import { syncState } from "../address-book/sync";

/** Who may read the address book: everyone with a token of the registry (names and places of providers are public information). */
export const ADDRESS_BOOK_READERS = ["citizen", "provider", "hdab", "operator"] as const;

const operator = routeGroup({ tags: ["operator"], role: "operator" });

/** The operator's load of a ZORG-AB / mCSD export into the address book. */
const loadAddressBook = operator
  .post("/v1/operator/address-book", "Load a ZORG-AB / mCSD export (FHIR Bundle of Organization, Location, Endpoint)", { json: FhirInputBundle })
  .describe(
    "Idempotent upsert: an organisation already loaded with the same content is left as it is. All or nothing per organisation: one with an invalid " +
      "Organization, Location or Endpoint is rejected whole (listed with every reason), the others load. `active: false` closes an organisation; it stays resolvable.",
  )
  .ok(AddressBookReport, "What was added, changed, left unchanged, deactivated and rejected", 400, 401, 403, 413, 415, 503);

export function organisationRoutes(app: OpenAPIHono<AppEnv>): void {
  const readers = routeGroup({ tags: ["address book"], role: ADDRESS_BOOK_READERS });

  app.openapi(
    readers
      .get("/v1/organisations", "Search the provider address book by name and place", { query: OrganisationSearchQuery })
      .describe(
        "Every word of `q` is a prefix of a word of the name or the place (case and diacritics ignored: `uberlingen` finds Überlingen); " +
          "`place` narrows to a place. Ranked: a name that starts with the query first, then by relevance (name counts more than place). " +
          "Closed organisations only with `includeInactive=true`. `ura=a,b,…` returns exactly those organisations (closed ones too).",
      )
      .ok(OrganisationSearchResult, "Matching organisations, best first", 400, 401, 403, 503),
    async (c) => {
      const q = c.req.valid("query");
      if (q.ura) return c.json({ items: await getOrganisations(c.env.DB, q.ura), truncated: false }, 200);
      const hasWords = /[\p{L}\p{N}]/u.test((q.q ?? "") + (q.place ?? ""));
      if (!hasWords && !q.type && !q.category) {
        throw new ApiError("VALIDATION_FAILED", "Give q, place, type, category or ura", {
          errors: [{ path: "/query/q", message: "Give a name or place to search for" }],
        });
      }
      const result = await searchOrganisations(c.env.DB, {
        ...q,
        includeInactive: q.includeInactive === "true",
        limit: q.limit ?? ORGANISATION_SEARCH_DEFAULT,
      });
      return c.json(result, 200);
    },
  );

  app.openapi(
    readers
      .get("/v1/organisations/{ura}", "One organisation of the address book (closed ones too, marked inactive)", { params: UraParam })
      .ok(DirectoryOrganisation, "The organisation", 400, 401, 403, 404, 503),
    async (c) => {
      const org = await getOrganisation(c.env.DB, c.req.valid("param").ura);
      if (!org) throw new ApiError("NOT_FOUND", "No organisation with this URA in the address book");
      return c.json(org, 200);
    },
  );

  app.openapi(loadAddressBook, async (c) => c.json(await loadBundle(c.env.DB, c.req.valid("json"), Date.now()), 200));

  app.openapi(
    operator
      .get("/v1/operator/address-book/sync", "Where the scheduled `_history` sync stands")
      .ok(AddressBookSyncState, "The configured source, the last `_since`, the last report or error", 401, 403, 503),
    async (c) => c.json(await syncState(c.env.DB, c.env.ADDRESS_BOOK_SOURCE ?? ""), 200),
  );
}
