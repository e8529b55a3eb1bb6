/**
 * Moves the documents of rows written before migration 0060 (doc and summary still in the catalogue row, no
 * directory entry) to the partitions, one page of ordinals at a time; resumable: the cursor (doc_cursors
 * 'backfill', the last ordinal looked at) is written in the same batch as the page's moves, so a crash repeats at
 * most one page and a page already moved is skipped. A dataset rewritten meanwhile is left alone (its write
 * placed it already): each move applies only if the row still has its document at the revision read.
 *
 * A row stored before the quality score (migration 0050: quality IS NULL) is scored as it moves: its score goes
 * into the moved summary and, in the same batch, into the row (../../quality/backfill.ts scores only rows whose
 * document is still in the row).
 *
 * Per page: one read, ≤ 2 partition batches per partition, one catalogue batch of 2 statements per dataset
 * (≤ 401 for a page of 200) — run by the Cron Trigger a few pages per invocation (src/index.ts).
 */
import { scoreStored } from "../../quality/backfill";
import { placeNew } from "./placement";
import type { DocumentStore, StoredDoc } from "./store";

export const BACKFILL_PAGE = 200;

interface Legacy {
  ord: number;
  id: string;
  revision: number;
  doc: string | null;
  summary: string | null;
  quality: number | null;
}

const MOVE = `INSERT INTO dataset_parts (id, part, token) SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM datasets WHERE id = ?1 AND revision = ?4 AND doc <> '')
ON CONFLICT(id) DO NOTHING`;
const EMPTY = `UPDATE datasets SET doc = '', summary = '', quality = coalesce(quality, ?3) WHERE id = ?1 AND EXISTS (SELECT 1 FROM dataset_parts WHERE id = ?1 AND token = ?2)`;
const CURSOR = `INSERT INTO doc_cursors (name, after) VALUES ('backfill', ?1) ON CONFLICT(name) DO UPDATE SET after = excluded.after`;

/** Moves up to `pages` pages; `done` when no row is left behind the cursor. */
export async function backfillDocuments(
  db: D1Database, docs: DocumentStore, pages: number, pageSize = BACKFILL_PAGE,
): Promise<{ moved: number; done: boolean }> {
  let moved = 0;
  for (let page = 0; page < pages; page++) {
    const at = await db.prepare(`SELECT after FROM doc_cursors WHERE name = 'backfill'`).first<{ after: string }>();
    const after = Number(at?.after ?? -1);
    const [rows, counted] = await db.batch([
      db
        .prepare(
          `SELECT d.ord, d.id, d.revision, CASE WHEN p.id IS NULL THEN d.doc END AS doc, CASE WHEN p.id IS NULL THEN d.summary END AS summary, d.quality
           FROM datasets AS d LEFT JOIN dataset_parts AS p ON p.id = d.id WHERE d.ord > ?1 ORDER BY d.ord LIMIT ?2`,
        )
        .bind(after, pageSize),
      db.prepare(`SELECT part, docs FROM doc_partitions`),
    ]);
    const list = rows!.results as Legacy[];
    if (list.length === 0) return { moved, done: true };
    const legacy = list.filter((r) => r.doc);
    const counts = Array.from({ length: docs.partitions }, () => 0);
    for (const c of counted!.results as { part: number; docs: number }[]) if (c.part < counts.length) counts[c.part] = c.docs;
    const parts = placeNew(legacy.map((r) => r.id), counts, docs.capacity);
    // a full deployment moves what fits; the rest stays readable where it is
    const staged = legacy.flatMap((r, i) => {
      const quality = r.quality ?? scoreStored(r.doc!);
      const summary = r.quality === null && r.summary ? JSON.stringify({ ...JSON.parse(r.summary), quality }) : (r.summary ?? "");
      const doc: StoredDoc = { token: crypto.randomUUID(), id: r.id, doc: r.doc!, summary };
      return parts[i] === null ? [] : [{ part: parts[i]!, row: r, doc, quality }];
    });
    const byPart = new Map<number, StoredDoc[]>();
    for (const s of staged) byPart.set(s.part, [...(byPart.get(s.part) ?? []), s.doc]);
    const unstage = async (which: typeof staged) => {
      for (const part of new Set(which.map((s) => s.part))) {
        await docs.remove(part, which.filter((s) => s.part === part).map((s) => s.doc.token)).catch(() => undefined);
      }
    };
    let results: D1Result[];
    try {
      for (const [part, list] of byPart) await docs.put(part, list);
      results = await db.batch([
        ...staged.flatMap((s) => [db.prepare(MOVE).bind(s.row.id, s.part, s.doc.token, s.row.revision), db.prepare(EMPTY).bind(s.row.id, s.doc.token, s.quality)]),
        db.prepare(CURSOR).bind(String(list[list.length - 1]!.ord)),
      ]);
    } catch (e) {
      await unstage(staged);
      throw e;
    }
    // a dataset rewritten since the read kept its own placement: its copy here is unreachable
    await unstage(staged.filter((_, i) => (results[2 * i]?.meta.changes ?? 0) === 0));
    moved += staged.filter((_, i) => (results[2 * i]?.meta.changes ?? 0) > 0).length;
    if (list.length < pageSize) return { moved, done: true };
  }
  return { moved, done: false };
}
