/**
 * A write that spans the catalogue D1 (the record's columns and the directory) and a document partition, in an
 * order that never leaves a visible half:
 *
 * 1. read the directory entries of the datasets written and the partitions' counts (one batch);
 * 2. stage each new document under a fresh token in its partition (a new dataset is placed by ./placement.ts,
 *    an existing one stays in its partition). Readers follow the directory, so a staged document is invisible;
 * 3. commit the catalogue batch: the rows, then each directory entry (only where its dataset row exists), then the
 *    version bump — one D1 transaction, so rows, directory and version move together;
 * 4. remove the superseded documents (the previous token of an updated or deleted dataset).
 *
 * A failure in 2 or 3 removes what was staged (compensation) and rethrows: nothing of the write is visible and no
 * document is left behind. Only a crash between 2 and 4 (or a failed removal) leaves an unreferenced document,
 * which no reader can reach and the sweep (./sweep.ts) deletes. A reader that read the directory just before 3 and
 * the partition just after 4 finds its token gone and reads the directory again (./reader.ts).
 */
import { ApiError, logger } from "@regie/shared";
import type { DocumentStore, StoredDoc } from "./store";
import { placeNew } from "./placement";

export type PendingDoc = { kind: "put"; id: string; doc: string; summary: string } | { kind: "delete"; id: string };

const PLACE = `INSERT INTO dataset_parts (id, part, token) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM datasets WHERE id = ?1)
ON CONFLICT(id) DO UPDATE SET part = excluded.part, token = excluded.token`;

interface Entry {
  part: number;
  token: string;
}

const newToken = () => crypto.randomUUID();

function byPart<T>(items: { part: number; value: T }[]): Map<number, T[]> {
  const out = new Map<number, T[]>();
  for (const { part, value } of items) out.set(part, [...(out.get(part) ?? []), value]);
  return out;
}

async function removeAll(docs: DocumentStore, items: { part: number; value: string }[], what: string) {
  for (const [part, tokens] of byPart(items)) {
    try {
      await docs.remove(part, tokens);
    } catch (e) {
      // unreachable documents, deleted by the sweep later; the write itself stands (or has failed already)
      logger.warn("document removal failed; the sweep will delete them", { service: "catalogue", what, part, documents: tokens.length, error: String(e) });
    }
  }
}

/** Runs `statements` + `tail` as one D1 batch with the documents of `pending` in their partitions (see above). */
export async function commitWithDocuments(
  db: D1Database, docs: DocumentStore, pending: PendingDoc[], statements: D1PreparedStatement[], tail: D1PreparedStatement[],
) {
  if (pending.length === 0) {
    await db.batch([...statements, ...tail]);
    return;
  }
  const ids = [...new Set(pending.map((p) => p.id))];
  const [entries, counted] = await db.batch([
    db.prepare(`SELECT id, part, token FROM dataset_parts WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)),
    db.prepare(`SELECT part, docs FROM doc_partitions`),
  ]);
  const previous = new Map((entries!.results as (Entry & { id: string })[]).map((e) => [e.id, { part: e.part, token: e.token }]));
  const counts = Array.from({ length: docs.partitions }, () => 0);
  for (const c of counted!.results as { part: number; docs: number }[]) if (c.part < counts.length) counts[c.part] = c.docs;

  const puts = pending.filter((p): p is Extract<PendingDoc, { kind: "put" }> => p.kind === "put");
  const fresh = [...new Set(puts.map((p) => p.id).filter((id) => !previous.has(id)))];
  const placed = new Map(placeNew(fresh, counts, docs.capacity).map((part, i) => [fresh[i]!, part]));
  const staged: { part: number; value: StoredDoc }[] = puts.map((p) => {
    const part = previous.get(p.id)?.part ?? placed.get(p.id);
    if (part === null || part === undefined) {
      const next = `DOCS_${docs.partitions}`;
      throw new ApiError("MISCONFIGURED", `Every document partition holds ${docs.capacity} datasets: bind another (${next}, docs/catalogue.md)`);
    }
    return { part, value: { token: newToken(), id: p.id, doc: p.doc, summary: p.summary } };
  });
  const stagedTokens = staged.map((s) => ({ part: s.part, value: s.value.token }));

  try {
    for (const [part, list] of byPart(staged)) await docs.put(part, list);
  } catch (e) {
    await removeAll(docs, stagedTokens, "staged (partition write failed)");
    throw e;
  }
  const place = staged.map((s) => db.prepare(PLACE).bind(s.value.id, s.part, s.value.token));
  let results: D1Result[];
  try {
    results = await db.batch([...statements, ...place, ...tail]);
  } catch (e) {
    await removeAll(docs, stagedTokens, "staged (catalogue write failed)");
    throw e;
  }

  // what is now unreachable: a staged document whose dataset row did not exist, one superseded by a later write of
  // the same id in this batch, and the previous document of every dataset written or deleted
  const lastToken = new Map(staged.map((s) => [s.value.id, s.value.token]));
  const unreachable: { part: number; value: string }[] = [];
  staged.forEach((s, i) => {
    const applied = (results[statements.length + i]?.meta.changes ?? 0) > 0;
    if (!applied || lastToken.get(s.value.id) !== s.value.token) unreachable.push({ part: s.part, value: s.value.token });
  });
  for (const id of ids) {
    const prev = previous.get(id);
    if (prev) unreachable.push({ part: prev.part, value: prev.token });
  }
  await removeAll(docs, unreachable, "superseded");
}
