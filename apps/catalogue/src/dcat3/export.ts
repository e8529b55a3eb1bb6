/**
 * The data services and dataset series listed in the DCAT export. They are few beside the datasets, so they are
 * listed whole on the catalogue's first page rather than paged: at most MAX_LISTED of each, oldest first (a
 * catalogue with more lists the first MAX_LISTED — docs/catalogue.md). Memory: 2 × 200 × 100,000 bytes = 40 MB at
 * worst, under half of the 128 MB isolate. With `modified_since`, only those changed since.
 */
import type { DataService, DatasetSeries } from "@regie/shared/contracts/catalogue";
import { ResourcesRepo } from "./repo";

export const MAX_LISTED = 200;

export async function catalogueResources(db: D1Database, modifiedSince?: string): Promise<{ services: DataService[]; series: DatasetSeries[] }> {
  const [services, series] = await Promise.all([
    new ResourcesRepo<DataService>(db, "service").page(MAX_LISTED, 0, modifiedSince ?? ""),
    new ResourcesRepo<DatasetSeries>(db, "series").page(MAX_LISTED, 0, modifiedSince ?? ""),
  ]);
  return { services: services.items, series: series.items };
}
