/**
 * A pushed document split at push into chunk objects in R2 (HARVEST_DOCS), one per HARVEST_INVOCATION_DATASETS
 * datasets: `harvest/<job>/<from>`, `from` the position of its first dataset, holding as N-Quads exactly the
 * statements that mapping those datasets reads (rdf/from-rdf.ts datasetChunks), with `count` in its metadata. A queue
 * message reads and parses only the chunk at the job's progress, so an invocation's memory is bounded by the chunk,
 * not the document.
 *
 * Blank-node labels stay those of the push's parse (the mapping writes them into `extraTriples` and nested nodes'
 * `iri`): the chunk carries them as they are, and reading it gives the same terms back.
 */
import type * as RDF from "@rdfjs/types";
import { datasetChunks } from "../rdf/from-rdf";
import { DataFactory, Parser, type Quad } from "../rdf/n3";
import { toNQuads } from "../rdf/serialise";

const { blankNode, quad } = DataFactory;

/** The R2 key prefix of a job's chunks. */
export const chunkPrefix = (job: string) => `harvest/${job}/`;
/** The R2 key of the chunk whose first dataset is at position `from`. */
export const chunkKey = (job: string, from: number) => `${chunkPrefix(job)}${from}`;
/** The R2 key of a whole document, as jobs stored it before chunks (removed with a job's chunks). */
export const legacyBodyKey = (job: string) => `harvest/${job}`;

const CHUNK_TYPE = "application/n-quads";
/** n3's parser always prefixes blank-node labels (an empty prefix means a fresh one); this one is taken off again */
const READ_PREFIX = "c_";

/**
 * Writes the document's chunks of `size` datasets, each as soon as it is made (only one chunk's text at a time);
 * how many. On a failure the chunks written so far are removed and the error thrown.
 */
export async function writeChunks(bucket: R2Bucket, job: string, quads: Quad[], size: number): Promise<number> {
  let written = 0;
  try {
    for (const chunk of datasetChunks(quads, size)) {
      await bucket.put(chunkKey(job, chunk.from), toNQuads(chunk.quads), {
        httpMetadata: { contentType: CHUNK_TYPE },
        customMetadata: { from: String(chunk.from), count: String(chunk.count) },
      });
      written++;
    }
  } catch (e) {
    await deleteChunks(bucket, job).catch(() => undefined);
    throw e;
  }
  return written;
}

const unprefixed = <T extends RDF.Term>(t: T): T => (t.termType === "BlankNode" ? (blankNode(t.value.slice(READ_PREFIX.length)) as unknown as T) : t);

/** A chunk's statements, with the blank-node labels it was written with. */
export function readChunk(text: string): Quad[] {
  return new Parser({ format: "N-Quads", blankNodePrefix: READ_PREFIX })
    .parse(text)
    .map((q) => quad(unprefixed(q.subject), q.predicate, unprefixed(q.object), unprefixed(q.graph)));
}

/** The chunk at position `from` and how many datasets it holds; null when it is not stored. */
export async function getChunk(bucket: R2Bucket, job: string, from: number): Promise<{ text: string; count: number } | null> {
  const object = await bucket.get(chunkKey(job, from));
  if (!object) return null;
  const count = Number(object.customMetadata?.count);
  if (!Number.isSafeInteger(count) || count < 1) throw new Error(`the stored chunk at ${from} of job ${job} has no dataset count`);
  return { text: await object.text(), count };
}

/** Removes every object of the job (its chunks, and a whole document stored the earlier way). */
export async function deleteChunks(bucket: R2Bucket, job: string): Promise<void> {
  let cursor: string | undefined;
  do {
    const page = await bucket.list({ prefix: chunkPrefix(job), limit: 1000, ...(cursor ? { cursor } : {}) });
    if (page.objects.length) await bucket.delete(page.objects.map((o) => o.key));
    cursor = page.truncated ? page.cursor : undefined;
  } while (cursor);
  await bucket.delete(legacyBodyKey(job));
}
