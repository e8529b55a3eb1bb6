/**
 * Full-text reads of one index shard's SQLite, per phrase: the rows matching it (FTS5 decides what matches, exactly
 * as D1's datasets_fts did), each such row's weighted instance count from `shard_terms` (title 10, keywords 4,
 * description 1: the bm25 column weights, written at index time by ./terms.ts) and the number of rows containing
 * the phrase — the inputs of bm25 that are summed over shards (see ./bm25.ts). A match expression's hits are the
 * intersection of its phrases' row lists (FTS5's implicit AND), which ./phrase-cache.ts keeps between queries.
 */
import type { ShardState } from "./state";

/** `"oncolog"* "kanker"*` -> ["oncolog", "kanker"] (toMatchExpression's output: quoted prefix phrases of letters and digits). */
export function phrasesOf(match: string): string[] {
  return match.split(" ").map((p) => p.slice(1, -2));
}

/** The highest code point: prefix + this bounds every term that starts with prefix (term <= bound). */
const TOP = String.fromCodePoint(0x10ffff);

/** One phrase's rows in this shard: slots ascending, the phrase's weighted frequency in each, rows containing it. */
export interface PhraseList {
  slots: Int32Array;
  freqs: Float64Array;
  rows: number;
}

/** Full-text hits of a match expression: slots ascending, per phrase the frequency in each hit and its row count. */
export interface PhraseHits {
  slots: Int32Array;
  freqs: Float64Array[];
  hits: number[];
}

/**
 * One statement per phrase: FTS5 finds the matching rows (the outer loop, in rowid order), and each hit's frequencies
 * summed over the terms the prefix covers (integers: exact in any order) come from one primary-key range of
 * `shard_terms` (doc, term). A hit without a counted term (FTS5's tokens and ours differ only on odd input) weighs 0
 * and is not counted in `rows`. Nothing travels as a parameter but the phrase, whatever the number of hits.
 */
export function phraseList(sql: SqlStorage, s: ShardState, phrase: string): PhraseList {
  const cursor = sql.exec<{ o: number; f: number | null }>(
    `SELECT x.rowid AS o, sum(t.f) AS f FROM shard_fts AS x
       LEFT JOIN shard_terms AS t ON t.doc = x.rowid AND t.term >= ?2 AND t.term <= ?3
     WHERE shard_fts MATCH ?1 GROUP BY x.rowid ORDER BY x.rowid`,
    `"${phrase}"*`,
    phrase,
    phrase + TOP,
  );
  const slots: number[] = [];
  const freqs: number[] = [];
  let rows = 0;
  for (const r of cursor) {
    slots.push(s.slotOf(r.o));
    freqs.push(r.f ?? 0);
    if (r.f !== null) rows++;
  }
  return { slots: Int32Array.from(slots), freqs: Float64Array.from(freqs), rows };
}

/** The rows in every list (sorted merge driven by the shortest), with each list's frequencies at those rows. */
export function intersect(lists: PhraseList[]): PhraseHits {
  const hits = lists.map((l) => l.rows);
  if (lists.length === 1) return { slots: lists[0]!.slots, freqs: [lists[0]!.freqs], hits };
  let shortest = 0;
  lists.forEach((l, i) => l.slots.length < lists[shortest]!.slots.length && (shortest = i));
  const drive = lists[shortest]!.slots;
  const at = lists.map(() => new Int32Array(drive.length));
  const pos = new Int32Array(lists.length);
  const out = new Int32Array(drive.length);
  let n = 0;
  outer: for (let d = 0; d < drive.length; d++) {
    const slot = drive[d]!;
    for (let i = 0; i < lists.length; i++) {
      const l = lists[i]!.slots;
      let p = pos[i]!;
      while (p < l.length && l[p]! < slot) p++;
      pos[i] = p;
      if (p === l.length) break outer;
      if (l[p] !== slot) continue outer;
    }
    for (let i = 0; i < lists.length; i++) at[i]![n] = pos[i]!;
    out[n++] = slot;
  }
  const slots = out.slice(0, n);
  const freqs = lists.map((l, i) => {
    const f = new Float64Array(n),
      positions = at[i]!;
    for (let h = 0; h < n; h++) f[h] = l.freqs[positions[h]!]!;
    return f;
  });
  return { slots, freqs, hits };
}

/** The row's tokens in all columns, from FTS5's docsize record (SQLite varints, one per column). */
export function tokenCount(sql: SqlStorage, ord: number): number {
  const row = sql.exec<{ sz: ArrayBuffer }>(`SELECT sz FROM shard_fts_docsize WHERE id = ?`, ord).toArray()[0];
  if (!row) return 0;
  const b = new Uint8Array(row.sz);
  let total = 0;
  for (let i = 0; i < b.length;) {
    let v = 0;
    for (let j = 0; j < 9 && i < b.length; j++) {
      const byte = b[i++]!;
      if (j === 8) {
        v = v * 256 + byte;
        break;
      }
      v = v * 128 + (byte & 0x7f);
      if (!(byte & 0x80)) break;
    }
    total += v;
  }
  return total;
}
