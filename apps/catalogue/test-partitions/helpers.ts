/** Looking into the document partitions and injecting failures (the partition suite, vitest.partitions.config.ts). */
import { env } from "cloudflare:test";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { datasetIri, slug } from "../src/dcat/identity";
import { generateDataset } from "../src/generator/generate";
import { datasetToQuads } from "../src/rdf/to-rdf";
import { toTurtle } from "../src/rdf/serialise";
import type { DocumentStore } from "../src/storage/docs/store";

export const PARTITIONS = [env.DOCS_0, env.DOCS_1, env.DOCS_2, env.DOCS_3];

/** The documents partition `part` holds (none before its first use). */
export async function docsIn(part: number): Promise<{ token: string; id: string }[]> {
  try {
    return (await PARTITIONS[part]!.prepare(`SELECT token, id FROM dataset_docs ORDER BY id`).all<{ token: string; id: string }>()).results;
  } catch (e) {
    if (/no such table/.test(String(e))) return [];
    throw e;
  }
}

export const allDocs = async () => (await Promise.all(PARTITIONS.map((_, i) => docsIn(i)))).flatMap((list, part) => list.map((d) => ({ ...d, part })));

export async function directory(): Promise<{ id: string; part: number; token: string }[]> {
  return (await env.DB.prepare(`SELECT id, part, token FROM dataset_parts ORDER BY id`).all<{ id: string; part: number; token: string }>()).results;
}

export async function rowCount(): Promise<number> {
  return (await env.DB.prepare(`SELECT count(*) AS n FROM datasets`).first<{ n: number }>())!.n;
}

/** A D1 database whose `batch` call number `n` (1-based) fails, as a storage outage would. */
export function failingBatch(db: D1Database, n: number): D1Database {
  let calls = 0;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "batch") {
        return async (statements: D1PreparedStatement[]) => {
          if (++calls === n) throw new Error("D1_ERROR: injected failure");
          return target.batch(statements);
        };
      }
      const v = Reflect.get(target, prop) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** A document store whose chosen operations fail. */
export function failingStore(store: DocumentStore, fail: { put?: boolean; remove?: boolean }): DocumentStore {
  return {
    partitions: store.partitions,
    capacity: store.capacity,
    put: (part, docs) => (fail.put ? Promise.reject(new Error("D1_ERROR: injected partition failure")) : store.put(part, docs)),
    remove: (part, tokens) => (fail.remove ? Promise.reject(new Error("D1_ERROR: injected partition failure")) : store.remove(part, tokens)),
    get: (part, tokens, field) => store.get(part, tokens, field),
    tokens: (part, after, limit) => store.tokens(part, after, limit),
  };
}

/** A Turtle document of `count` generated datasets; those in `invalid` lack their HDAB (a violation). */
export function harvestDocument(seed: number, count: number, invalid: number[] = []): { ttl: string; iris: string[] } {
  const iris: string[] = [];
  const quads = Array.from({ length: count }, (_, i) => {
    const { publisherId, ...input } = generateDataset(seed, i);
    const id = slug(`${input.identifier}-${seed}`);
    const doc = { ...input, id, iri: datasetIri(id), publisherId, modified: input.modified!, revision: 1 } as Dataset;
    if (invalid.includes(i)) delete (doc as Partial<Dataset>).hdab;
    iris.push(doc.iri);
    return datasetToQuads(doc);
  }).flat();
  return { ttl: toTurtle(quads), iris };
}
