/**
 * Full-text reads of one index shard's SQLite, per phrase: the rows matching it (the rows holding a term the prefix
 * covers, FTS5's own terms: what FTS5's prefix query matches, exactly as D1's datasets_fts did), each such row's
 * weighted instance count from `shard_postings` (title 10, keywords 4, description 1: the bm25 column weights,
 * written at index time by ./terms.ts) and the number of rows containing the phrase — the inputs of bm25 that are
 * summed over shards (see ./bm25.ts). A match expression's hits are the intersection of its phrases' row lists
 * (FTS5's implicit AND), which ./phrase-cache.ts keeps between queries. FTS5 itself is read only for a row's token
 * count (its docsize record, `tokenCount`).
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
 * One range scan per phrase: `shard_postings` (term, doc) from the phrase to the phrase + U+10FFFF holds every term
 * the prefix covers with its rows and weighted frequencies — exactly FTS5's own terms (./terms.ts), so the rows are
 * the ones FTS5's `"phrase"*` matches. One term: its rows come in order. Several (`cohort` covers cohort, cohorts,
 * …): each term's rows are in order, so they are summed per row into a dense array over the shard's slots and read
 * out in slot order. Nothing travels as a parameter but the phrase, whatever the number of hits.
 */
export function phraseList(sql: SqlStorage, s: ShardState, phrase: string): PhraseList {
  const cursor = sql.exec<{ doc: number; f: number }>(`SELECT doc, f FROM shard_postings WHERE term >= ?1 AND term <= ?2`, phrase, phrase + TOP);
  const slots: number[] = [];
  const freqs: number[] = [];
  let ordered = true;
  for (const r of cursor) {
    const slot = s.slotOf(r.doc);
    if (slots.length > 0 && slot <= slots[slots.length - 1]!) ordered = false;
    slots.push(slot);
    freqs.push(r.f);
  }
  if (ordered) return { slots: Int32Array.from(slots), freqs: Float64Array.from(freqs), rows: slots.length };
  const sum = new Float64Array(s.slots + 1);
  const seen = new Uint8Array(s.slots + 1);
  for (let i = 0; i < slots.length; i++) {
    sum[slots[i]!]! += freqs[i]!;
    seen[slots[i]!] = 1;
  }
  const out: number[] = [];
  for (let slot = 0; slot < seen.length; slot++) if (seen[slot]) out.push(slot);
  return { slots: Int32Array.from(out), freqs: Float64Array.from(out, (slot) => sum[slot]!), rows: out.length };
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
