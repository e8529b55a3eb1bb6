/** Publishing and harvest: validate, assign ids and revisions, write atomically. */
import { ApiError, type FieldError } from "@regie/shared";
import type { Dataset, DatasetInput, HarvestReport, Violation } from "@regie/shared/contracts/catalogue";
import { datasetIri, slug } from "../dcat/identity";
import { countDatasets, datasetsFromQuads, type HarvestedDataset } from "../rdf/from-rdf";
import type { Quad } from "../rdf/n3";
import type { RdfMediaType } from "../rdf/parse";
import { parseRequestDocument } from "../rdf/request-body";
import { parseExtraTriples } from "../rdf/to-rdf";
import type { DatasetsRepo, StoredRef } from "../storage/datasets-repo";
import type { RevisionSource } from "../revisions/repo";
import { validateDataset } from "../validation/rules";
import { planResources } from "../dcat3/harvest";
import { publisherName, toRecord } from "./record";

export { publisherName };

export const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** The name shown for a publisher account: the account directory (demo publishers), else the dataset's dct:publisher name, else the id. */
function unprocessable(violations: Violation[]): never {
  const errors = violations.map((v) => ({ path: v.path, message: v.message, property: v.property })) as FieldError[];
  throw new ApiError(
    "UNPROCESSABLE",
    `The dataset does not conform to HealthDCAT-AP Release 8: ${[...new Set(violations.map((v) => v.property))].join(", ")}`,
    { errors },
  );
}

function checkExtraTriples(input: DatasetInput) {
  try {
    parseExtraTriples(input.extraTriples);
  } catch {
    unprocessable([{ path: "/extraTriples", property: "rdf:Statement", message: "extraTriples must be valid N-Triples" }]);
  }
}

/** The candidates for an identifier's id, in order: its slug, then the slug with -2 … -21. */
const candidatesFor = (identifier: string) => {
  const base = slug(identifier);
  return [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
};

/** A free id: the slug of the identifier, with a numeric suffix when taken. */
async function freeId(repo: DatasetsRepo, identifier: string, reserved: Set<string>): Promise<string> {
  return (await freeIds(repo, [identifier], reserved))[0]!;
}

/**
 * Free ids for many identifiers in a few queries (not one per dataset: a harvest stays far below the 1,000
 * queries per invocation): which slugs are taken is read in chunks of 500 ids, and only for identifiers whose slug
 * is taken are the suffixed candidates read.
 */
async function freeIds(repo: DatasetsRepo, identifiers: string[], reserved: Set<string>): Promise<string[]> {
  const taken = new Set<string>();
  const read = async (ids: string[]) => {
    const unique = [...new Set(ids)].filter((id) => !taken.has(id));
    for (let i = 0; i < unique.length; i += 500) for (const id of await repo.idsTaken(unique.slice(i, i + 500))) taken.add(id);
  };
  const lists = identifiers.map(candidatesFor);
  await read(lists.map((l) => l[0]!));
  const seen = new Map<string, number>();
  for (const l of lists) seen.set(l[0]!, (seen.get(l[0]!) ?? 0) + 1);
  await read(lists.filter((l) => taken.has(l[0]!) || reserved.has(l[0]!) || seen.get(l[0]!)! > 1).flatMap((l) => l.slice(1)));
  return lists.map((candidates) => {
    const id = candidates.find((c) => !taken.has(c) && !reserved.has(c)) ?? `${candidates[0]}-${crypto.randomUUID().slice(0, 8)}`;
    reserved.add(id);
    return id;
  });
}

export function buildDoc(value: DatasetInput, meta: { id: string; iri: string; publisherId: string; revision: number; modified: string }): Dataset {
  return { ...value, id: meta.id, iri: meta.iri, publisherId: meta.publisherId, modified: meta.modified, revision: meta.revision };
}

export async function createDataset(repo: DatasetsRepo, input: unknown, publisherId: string): Promise<Dataset> {
  const result = validateDataset(input);
  if (!result.ok) unprocessable(result.violations);
  checkExtraTriples(result.value);
  const id = await freeId(repo, result.value.identifier, new Set());
  const iri = result.value.iri ?? datasetIri(id);
  if ((await repo.refsByIris([iri])).length) throw new ApiError("CONFLICT", "A dataset with this IRI exists already");
  // an id withdrawn before continues its revision numbers
  const last = (await repo.revisions.lastNumbers([id])).get(id) ?? 0;
  const doc = buildDoc(result.value, { id, iri, publisherId, revision: last + 1, modified: nowIso() });
  const now = nowIso();
  await repo.commit([
    repo.insertStatement(toRecord(doc, publisherName(publisherId, doc)), now),
    repo.clearTombstone(id),
    ...repo.revisions.changed([{ id, action: "published", doc: JSON.stringify(doc) }], now, { via: "api", publisherId }),
  ]);
  return doc;
}

async function owned(repo: DatasetsRepo, id: string, publisherId: string): Promise<StoredRef> {
  const ref = await repo.refById(id);
  if (!ref) throw new ApiError("NOT_FOUND", `No dataset ${id}`);
  if (ref.publisherId !== publisherId) throw new ApiError("FORBIDDEN", "Only the dataset's own publisher may change it");
  return ref;
}

export async function updateDataset(repo: DatasetsRepo, id: string, input: unknown, publisherId: string): Promise<Dataset> {
  const ref = await owned(repo, id, publisherId);
  const result = validateDataset(input);
  if (!result.ok) unprocessable(result.violations);
  checkExtraTriples(result.value);
  if (result.value.iri && result.value.iri !== ref.iri) {
    unprocessable([{ path: "/iri", property: "dcat:Dataset", message: "dcat:Dataset: the IRI of a dataset cannot change" }]);
  }
  const doc = buildDoc(result.value, { id, iri: ref.iri, publisherId, revision: ref.revision + 1, modified: nowIso() });
  await repo.commit([
    repo.updateStatement(toRecord(doc, publisherName(publisherId, doc))),
    ...repo.revisions.changed([{ id, action: "updated", doc: JSON.stringify(doc) }], doc.modified, { via: "api", publisherId }),
  ]);
  return doc;
}

export async function deleteDataset(repo: DatasetsRepo, id: string, publisherId: string): Promise<void> {
  const ref = await owned(repo, id, publisherId);
  const now = nowIso();
  await repo.commit([...repo.deleteStatements(ref, now), ...repo.revisions.withdrawn([{ id, last: ref.revision }], now, { via: "api", publisherId })]);
}

export const MAX_HARVEST = 2000;

/** Per dataset of `found`, in its order: where its entry is in the report. */
export type HarvestOutcome = { imported: HarvestReport["imported"][number] } | { rejected: HarvestReport["rejected"][number] };

/** What importing harvested datasets would write, and the report; nothing is written yet (the caller commits). */
export async function planHarvest(
  repo: DatasetsRepo,
  found: HarvestedDataset[],
  publisherId: string,
  source: RevisionSource = { via: "harvest", publisherId },
): Promise<{ report: HarvestReport; statements: D1PreparedStatement[]; outcomes: HarvestOutcome[] }> {
  const existing = new Map((await repo.refsByIris(found.map((f) => f.iri))).map((r) => [r.iri, r]));
  const report: HarvestReport = { imported: [], rejected: [] };
  const statements: D1PreparedStatement[] = [];
  const reserved = new Set<string>();
  const now = nowIso();
  const accepted: { h: (typeof found)[number]; value: DatasetInput; ref: StoredRef | undefined; warnings: Violation[]; at: number }[] = [];
  const outcomes: HarvestOutcome[] = [];
  const changes: { id: string; action: "published" | "updated"; doc: string }[] = [];
  const reject = (at: number, entry: HarvestReport["rejected"][number]) => {
    report.rejected.push(entry);
    outcomes[at] = { rejected: entry };
  };
  for (const [at, h] of found.entries()) {
    const result = validateDataset(h.value, h.violations);
    const ref = existing.get(h.iri);
    if (!result.ok) {
      reject(at, { iri: h.iri, violations: result.violations });
      continue;
    }
    if (ref && ref.publisherId !== publisherId) {
      const message = "dct:publisher: this dataset is published by another publisher";
      reject(at, { iri: h.iri, violations: [{ path: "/iri", property: "dct:publisher", message }] });
      continue;
    }
    accepted.push({ h, value: result.value, ref, warnings: result.warnings, at });
  }
  // ids for the new datasets in a few queries, in document order (as one at a time would give them)
  const fresh = accepted.filter((a) => !a.ref);
  const ids = await freeIds(
    repo,
    fresh.map((a) => a.value.identifier),
    reserved,
  );
  const idOf = new Map(fresh.map((a, i) => [a, ids[i]!]));
  const lastOf = await repo.revisions.lastNumbers(ids);
  for (const a of accepted) {
    const { h, ref } = a;
    const id = ref?.id ?? idOf.get(a)!;
    const doc = buildDoc(a.value, { id, iri: h.iri, publisherId, revision: (ref?.revision ?? lastOf.get(id) ?? 0) + 1, modified: a.value.modified ?? now });
    const record = toRecord(doc, publisherName(publisherId, doc));
    statements.push(ref ? repo.updateStatement(record) : repo.insertStatement(record, now));
    if (!ref) statements.push(repo.clearTombstone(id));
    changes.push({ id, action: ref ? "updated" : "published", doc: JSON.stringify(doc) });
    const entry = { id, iri: h.iri, created: !ref, warnings: a.warnings };
    report.imported.push(entry);
    outcomes[a.at] = { imported: entry };
  }
  statements.push(...repo.revisions.changed(changes, now, source));
  return { report, statements, outcomes };
}

/** A fresh blank-node prefix for one harvested document (kept by a push job, so each invocation reads the same graph). */
export const harvestPrefix = () => `h${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}_`;

/** The document's statements (400 when it does not parse) and how many dcat:Dataset it holds (413 too many). */
export async function readHarvestDocument(body: string, mediaType: RdfMediaType, prefix: string): Promise<{ quads: Quad[]; total: number }> {
  const quads = await parseRequestDocument(body, mediaType, prefix);
  const total = countDatasets(quads);
  if (total > MAX_HARVEST) throw new ApiError("PAYLOAD_TOO_LARGE", `At most ${MAX_HARVEST} datasets per harvest request`);
  return { quads, total };
}

/**
 * Harvest of a parsed document in one atomic batch: conformant datasets, dcat:DataService and dcat:DatasetSeries
 * nodes (../dcat3/harvest.ts) are imported; the others are reported with their violations.
 */
export async function harvestQuads(repo: DatasetsRepo, quads: Quad[], total: number, publisherId: string): Promise<HarvestReport> {
  const resources = await planResources(repo.db, quads, publisherId);
  const hasResources = resources.report.imported.length + resources.report.rejected.length > 0;
  if (total === 0 && !hasResources) {
    throw new ApiError("UNPROCESSABLE", "The document holds no dcat:Dataset (nor dcat:DataService or dcat:DatasetSeries)");
  }
  const { report, statements } = await planHarvest(repo, total ? datasetsFromQuads(quads) : [], publisherId);
  if (hasResources) report.resources = resources.report;
  if (statements.length || resources.statements.length) await repo.commit([...resources.statements, ...statements]);
  return report;
}

/** Harvest of a document (parsed here) in one atomic batch. */
export async function harvest(repo: DatasetsRepo, body: string, mediaType: RdfMediaType, publisherId: string): Promise<HarvestReport> {
  const { quads, total } = await readHarvestDocument(body, mediaType, harvestPrefix());
  return harvestQuads(repo, quads, total, publisherId);
}
