/** Publishing data services and dataset series: validate, assign id and revision, write; own publisher only. */
import { ApiError, type FieldError } from "@regie/shared";
import type { DataService, DatasetSeries, Violation } from "@regie/shared/contracts/catalogue";
import { CATALOGUE_IRI, slug } from "../dcat/identity";
import { preferredText } from "../datasets/record";
import { nowIso } from "../datasets/service";
import { ResourcesRepo, type ResourceDoc, type ResourceRef } from "./repo";
import { KIND_RULES, validateResource, type ResourceKind } from "./validate";

export type ResourceOf<K extends ResourceKind> = K extends "service" ? DataService : DatasetSeries;
const PATH: Record<ResourceKind, string> = { service: "data-services", series: "dataset-series" };
const NOUN: Record<ResourceKind, string> = { service: "data service", series: "dataset series" };

export const resourceIri = (kind: ResourceKind, id: string) => `${CATALOGUE_IRI}/${PATH[kind]}/${encodeURIComponent(id)}`;
export const resourcePath = (kind: ResourceKind, id: string) => `/v1/${PATH[kind]}/${encodeURIComponent(id)}`;

export function unprocessableResource(kind: ResourceKind, violations: Violation[]): never {
  const errors = violations.map((v) => ({ path: v.path, message: v.message, property: v.property })) as FieldError[];
  const props = [...new Set(violations.map((v) => v.property))].join(", ");
  throw new ApiError("UNPROCESSABLE", `The ${NOUN[kind]} does not conform to DCAT-AP 3.0.1: ${props}`, { errors });
}

/** The slug candidates of a resource: from its identifier, else its title. */
export function candidates(value: { identifier?: string; title: Record<string, string> }): string[] {
  const base = slug(value.identifier ?? preferredText(value.title));
  return [base, ...Array.from({ length: 20 }, (_, i) => `${base}-${i + 2}`)];
}

/** Free ids for several resources in one query, none in `reserved`, in order. */
export async function freeResourceIds(
  repo: ResourcesRepo<ResourceDoc>,
  values: { identifier?: string; title: Record<string, string> }[],
  reserved = new Set<string>(),
) {
  const lists = values.map(candidates);
  const taken = await repo.idsTaken([...new Set(lists.flat())]);
  return lists.map((l) => {
    const id = l.find((c) => !taken.has(c) && !reserved.has(c)) ?? `${l[0]}-${crypto.randomUUID().slice(0, 8)}`;
    reserved.add(id);
    return id;
  });
}

export function buildResource<K extends ResourceKind>(value: object, meta: ResourceDoc): ResourceOf<K> {
  return { ...value, ...meta } as unknown as ResourceOf<K>;
}

export async function createResource<K extends ResourceKind>(db: D1Database, kind: K, input: unknown, publisherId: string): Promise<ResourceOf<K>> {
  const result = validateResource<{ iri?: string; identifier?: string; title: Record<string, string>; modified?: string }>(kind, input);
  if (!result.ok) unprocessableResource(kind, result.violations);
  const repo = new ResourcesRepo<ResourceOf<K>>(db, kind);
  const [id] = await freeResourceIds(repo as unknown as ResourcesRepo<ResourceDoc>, [result.value]);
  const iri = result.value.iri ?? resourceIri(kind, id!);
  if ((await repo.refsByIris([iri])).length) throw new ApiError("CONFLICT", `A ${NOUN[kind]} with this IRI exists already`);
  const doc = buildResource<K>(result.value, { id: id!, iri, publisherId, modified: nowIso(), revision: 1 });
  await db.batch([repo.insertStatement(doc)]);
  return doc;
}

async function owned(repo: ResourcesRepo<ResourceDoc>, kind: ResourceKind, id: string, publisherId: string): Promise<ResourceRef> {
  const ref = await repo.refById(id);
  if (!ref) throw new ApiError("NOT_FOUND", `No ${NOUN[kind]} ${id}`);
  if (ref.publisherId !== publisherId) throw new ApiError("FORBIDDEN", `Only the ${NOUN[kind]}'s own publisher may change it`);
  return ref;
}

export async function updateResource<K extends ResourceKind>(db: D1Database, kind: K, id: string, input: unknown, publisherId: string): Promise<ResourceOf<K>> {
  const repo = new ResourcesRepo<ResourceOf<K>>(db, kind);
  const ref = await owned(repo as unknown as ResourcesRepo<ResourceDoc>, kind, id, publisherId);
  const result = validateResource<{ iri?: string }>(kind, input);
  if (!result.ok) unprocessableResource(kind, result.violations);
  if (result.value.iri && result.value.iri !== ref.iri) {
    unprocessableResource(kind, [{ path: "/iri", property: KIND_RULES[kind].curie, message: `${KIND_RULES[kind].curie}: the IRI cannot change` }]);
  }
  const doc = buildResource<K>(result.value, { id, iri: ref.iri, publisherId, modified: nowIso(), revision: ref.revision + 1 });
  await db.batch([repo.updateStatement(doc)]);
  return doc;
}

export async function deleteResource(db: D1Database, kind: ResourceKind, id: string, publisherId: string): Promise<void> {
  const repo = new ResourcesRepo<ResourceDoc>(db, kind);
  await owned(repo, kind, id, publisherId);
  await db.batch([repo.deleteStatement(id)]);
}
