/** Publishing and harvest: validate, assign ids and revisions, write atomically. */
import { ApiError, type FieldError } from "@regie/shared";
import type { Dataset, DatasetInput, HarvestReport, Violation } from "@regie/shared/contracts/catalogue";
import { DEMO_PUBLISHERS } from "@regie/shared/demo";
import { datasetIri, slug } from "../dcat/identity";
import { datasetsFromQuads, type HarvestedDataset } from "../rdf/from-rdf";
import { parseDocument, RdfSyntaxError, type RdfMediaType } from "../rdf/parse";
import { parseExtraTriples } from "../rdf/to-rdf";
import type { DatasetsRepo, StoredRef } from "../storage/datasets-repo";
import { validateDataset } from "../validation/rules";
import { preferredText, toRecord } from "./record";

export const nowIso = () => new Date().toISOString().replace(/\.\d{3}Z$/, "Z");

/** The name shown for a publisher account: the account directory (demo publishers), else the dataset's dct:publisher name, else the id. */
export function publisherName(publisherId: string, input: Pick<DatasetInput, "publisher">): string {
  return DEMO_PUBLISHERS.find((p) => p.publisherId === publisherId)?.name || preferredText(input.publisher?.name) || publisherId;
}

function unprocessable(violations: Violation[]): never {
  const errors = violations.map((v) => ({ path: v.path, message: v.message, property: v.property })) as FieldError[];
  throw new ApiError("UNPROCESSABLE", `The dataset does not conform to HealthDCAT-AP Release 8: ${[...new Set(violations.map((v) => v.property))].join(", ")}`, { errors });
}

function checkExtraTriples(input: DatasetInput) {
  try {
    parseExtraTriples(input.extraTriples);
  } catch {
    unprocessable([{ path: "/extraTriples", property: "rdf:Statement", message: "extraTriples must be valid N-Triples" }]);
  }
}

/** A free id: the slug of the identifier, with a numeric suffix when taken. */
async function freeId(repo: DatasetsRepo, identifier: string, reserved: Set<string>): Promise<string> {
  const base = slug(identifier);
  const candidates = [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
  const taken = await repo.idsTaken(candidates);
  const free = candidates.find((c) => !taken.has(c) && !reserved.has(c));
  const id = free ?? `${base}-${crypto.randomUUID().slice(0, 8)}`;
  reserved.add(id);
  return id;
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
  const doc = buildDoc(result.value, { id, iri, publisherId, revision: 1, modified: nowIso() });
  const now = nowIso();
  await repo.commit([repo.insertStatement(toRecord(doc, publisherName(publisherId, doc)), now), repo.clearTombstone(id)]);
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
  await repo.commit([repo.updateStatement(toRecord(doc, publisherName(publisherId, doc)))]);
  return doc;
}

export async function deleteDataset(repo: DatasetsRepo, id: string, publisherId: string): Promise<void> {
  const ref = await owned(repo, id, publisherId);
  await repo.commit(repo.deleteStatements(ref, nowIso()));
}

export const MAX_HARVEST = 2000;

/** What importing harvested datasets would write, and the report; nothing is written yet (the caller commits). */
export async function planHarvest(repo: DatasetsRepo, found: HarvestedDataset[], publisherId: string): Promise<{ report: HarvestReport; statements: D1PreparedStatement[] }> {
  const existing = new Map((await repo.refsByIris(found.map((f) => f.iri))).map((r) => [r.iri, r]));
  const report: HarvestReport = { imported: [], rejected: [] };
  const statements: D1PreparedStatement[] = [];
  const reserved = new Set<string>();
  const now = nowIso();
  for (const h of found) {
    const result = validateDataset(h.value, h.violations);
    const ref = existing.get(h.iri);
    if (!result.ok) {
      report.rejected.push({ iri: h.iri, violations: result.violations });
      continue;
    }
    if (ref && ref.publisherId !== publisherId) {
      report.rejected.push({ iri: h.iri, violations: [{ path: "/iri", property: "dct:publisher", message: "dct:publisher: this dataset is published by another publisher" }] });
      continue;
    }
    const id = ref?.id ?? (await freeId(repo, result.value.identifier, reserved));
    const doc = buildDoc(result.value, { id, iri: h.iri, publisherId, revision: (ref?.revision ?? 0) + 1, modified: result.value.modified ?? now });
    const record = toRecord(doc, publisherName(publisherId, doc));
    statements.push(ref ? repo.updateStatement(record) : repo.insertStatement(record, now));
    if (!ref) statements.push(repo.clearTombstone(id));
    report.imported.push({ id, iri: h.iri, created: !ref, warnings: result.warnings });
  }
  return { report, statements };
}

/** Harvest: conformant datasets are imported in one atomic batch; the others are reported with their violations. */
export async function harvest(repo: DatasetsRepo, body: string, mediaType: RdfMediaType, publisherId: string): Promise<HarvestReport> {
  let quads;
  try {
    quads = await parseDocument(body, mediaType, `h${crypto.randomUUID().replace(/-/g, "").slice(0, 12)}_`);
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw new ApiError("BAD_REQUEST", e.message);
    throw e;
  }
  const found = datasetsFromQuads(quads);
  if (found.length === 0) throw new ApiError("UNPROCESSABLE", "The document holds no dcat:Dataset");
  if (found.length > MAX_HARVEST) throw new ApiError("PAYLOAD_TOO_LARGE", `At most ${MAX_HARVEST} datasets per harvest request`);
  const { report, statements } = await planHarvest(repo, found, publisherId);
  if (statements.length) await repo.commit(statements);
  return report;
}
