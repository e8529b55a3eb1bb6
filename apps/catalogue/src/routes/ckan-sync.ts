/** package_search as a sync listing (sort=id asc, a metadata_modified range, or include_deleted): see ../ckan/sync.ts. */
import type { Context } from "hono";
import type { CkanPackageSearchParams } from "@regie/shared/contracts/catalogue";
import { CkanQueryError, toCkanPackage } from "../ckan/package";
import { deletedCkanPackage, parseSyncFilter, type SyncFilter } from "../ckan/sync";
import type { AppEnv } from "../env";
import { publisherName } from "../datasets/service";
import { SyncRepo } from "../storage/sync-repo";
import { ckanError, ok } from "../ckan/response";

export async function syncListing(c: Context<AppEnv>, p: CkanPackageSearchParams): Promise<Response> {
  let filter: SyncFilter;
  try {
    filter = parseSyncFilter(p.fq, p.q);
    if (p["facet.field"].length) throw new CkanQueryError("facet.field is not supported with sort=id asc, a metadata_modified range or include_deleted");
    const sort = (p.sort ?? "id asc").trim().toLowerCase().replace(/\s+/g, " ");
    if (sort !== "id asc" && sort !== "name asc")
      throw new CkanQueryError("a metadata_modified range or include_deleted lists in id order: use sort=id asc (or leave sort out)");
  } catch (e) {
    if (e instanceof CkanQueryError) return ckanError("BAD_REQUEST", "Validation Error", e.message);
    throw e;
  }
  // withdrawn datasets: when asked, and by default in the incremental form (a metadata_modified range)
  const withDeleted = p.include_deleted ?? filter.incremental;
  const { count, rows } = await new SyncRepo(c.env.DB).syncPage(filter, withDeleted, p.start, p.rows);
  const results = rows.map((r) => (r.state === "active" ? toCkanPackage(r.doc, publisherName(r.doc.publisherId, r.doc)) : deletedCkanPackage(r.tombstone)));
  return c.json(ok({ count, results, facets: {}, search_facets: {}, sort: "id asc" }), 200);
}
