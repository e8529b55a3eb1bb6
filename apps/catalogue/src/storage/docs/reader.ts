/**
 * Reading documents through the directory: a catalogue D1 query gives, per dataset, its partition and token
 * (or, for a row not yet moved by the backfill, the document itself); the partitions are then read in parallel,
 * one query per partition holding any of them. A token that has vanished (the dataset was rewritten or deleted
 * between the two reads) makes the whole read start again from the directory, at most READ_ROUNDS times.
 */
import type { DocField, DocumentStore } from "./store";

export const READ_ROUNDS = 3;

/** A dataset as the directory gives it: where its document is, or (not yet moved) the document itself. */
export interface DocRef {
  ord: number;
  id: string;
  part: number | null;
  token: string | null;
  /** the field's JSON from the catalogue row when the dataset has no directory entry */
  body: string | null;
}

/** Columns and join giving DocRef rows for `datasets AS d`. */
export const refColumns = (field: DocField) => `d.ord AS ord, d.id AS id, p.part AS part, p.token AS token, CASE WHEN p.id IS NULL THEN d.${field} END AS body`;
export const REF_JOIN = `datasets AS d LEFT JOIN dataset_parts AS p ON p.id = d.id`;

/** The field's JSON for each ref, in order; null where a partition no longer holds the token. */
export async function resolveRefs(docs: DocumentStore, refs: DocRef[], field: DocField): Promise<(string | null)[]> {
  const wanted = new Map<number, string[]>();
  for (const r of refs) if (r.part !== null && r.token !== null) wanted.set(r.part, [...(wanted.get(r.part) ?? []), r.token]);
  const found = new Map<string, string>();
  await Promise.all(
    [...wanted].map(async ([part, tokens]) => {
      for (const [token, body] of await docs.get(part, tokens, field)) found.set(token, body);
    }),
  );
  return refs.map((r) => (r.token !== null ? (found.get(r.token) ?? null) : r.body ? r.body : null));
}

/**
 * Reads `read()` (a directory query and whatever else it returns) and resolves its refs; starts again when a
 * document has vanished in between. After READ_ROUNDS the datasets still unresolved are left out: under a stream
 * of rewrites of one dataset that is a dataset written at this very moment.
 */
export async function readThrough<T extends { refs: DocRef[] }>(
  docs: DocumentStore, field: DocField, read: () => Promise<T>,
): Promise<T & { bodies: string[]; ords: number[] }> {
  for (let round = 1; ; round++) {
    const got = await read();
    const bodies = await resolveRefs(docs, got.refs, field);
    if (bodies.every((b) => b !== null) || round >= READ_ROUNDS) {
      const kept = got.refs.map((r, i) => ({ r, b: bodies[i] })).filter((x): x is { r: DocRef; b: string } => x.b !== null);
      return { ...got, bodies: kept.map((x) => x.b), ords: kept.map((x) => x.r.ord) };
    }
  }
}
