/** Generated dataset number `i` as the seed stores it (the bench's PostgreSQL peer loads the same records). Pure. */
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetIri, slug } from "../dcat/identity";
import { publisherName, toRecord, type DatasetRecord } from "../datasets/record";
import { generateDataset, type Variety } from "./generate";

export const SEED = 20260423;
/** generated datasets in the demo catalogue (`POST /dev/seed` without a count), of the demo variety */
export const DEMO_SIZE = 200;

export function generatedRecord(i: number, variety: Variety = "demo"): DatasetRecord {
  const { publisherId, ...input } = generateDataset(SEED, i, undefined, variety);
  const id = slug(input.identifier);
  const doc: Dataset = { ...input, id, iri: datasetIri(id), publisherId, modified: input.modified!, revision: 1 };
  return toRecord(doc, publisherName(publisherId, doc));
}
