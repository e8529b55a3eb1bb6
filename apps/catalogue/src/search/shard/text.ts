/**
 * Full-text reads of one index shard's SQLite, per phrase: the rows matching it (the rows holding a term the prefix
 * covers, FTS5's own terms: what FTS5's prefix query matches, exactly as D1's datasets_fts did), each such row's
 * weighted instance count from `shard_postings` or its packed copy `shard_packed` (title 10, keywords 4, description 1:
 * the bm25 column weights, written at index time by ./terms.ts and ./packed.ts) and the number of rows containing the phrase — the inputs of bm25 that are
 * summed over shards (see ./bm25.ts). A match expression's hits are the intersection of its phrases' row lists
 * (FTS5's implicit AND), which ./phrase-cache.ts keeps between queries. FTS5 itself is read only for a row's token
 * count (its docsize record, `tokenCount`).
 */
import { PACK_MIN_ROWS, storePacked, unpack, type Postings } from "./packed";
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
 * The postings of every term the prefix covers (phrase <= term <= phrase + U+10FFFF) — exactly FTS5's own terms
 * (./terms.ts), so the rows are the ones FTS5's `"phrase"*` matches: the packed terms as one value each
 * (./packed.ts), the others by range scans of `shard_postings` over the gaps between packed terms (so no scan walks
 * a packed term's rows). An unpacked term of at least `packMin` rows is packed on the way. Nothing travels as a
 * parameter but the phrase and term bounds, whatever the number of hits.
 */
function termPostings(sql: SqlStorage, phrase: string, packMin: number): Postings[] {
  const top = phrase + TOP;
  const out: Postings[] = [];
  const gap = (lo: string, loInclusive: boolean, hi: string, hiInclusive: boolean) => {
    const rows = sql
      .exec(`SELECT term, doc, f FROM shard_postings WHERE term ${loInclusive ? ">=" : ">"} ?1 AND term ${hiInclusive ? "<=" : "<"} ?2`, lo, hi)
      .raw();
    let term: string | null = null;
    let ords: number[] = [],
      freqs: number[] = [];
    const close = () => {
      if (term === null) return;
      const postings = { ords: Int32Array.from(ords), freqs: Float64Array.from(freqs) };
      if (ords.length >= packMin) storePacked(sql, term, postings);
      out.push(postings);
    };
    for (const [t, doc, f] of rows) {
      if (t !== term) {
        close();
        term = t as string;
        ords = [];
        freqs = [];
      }
      ords.push(doc as number);
      freqs.push(f as number);
    }
    close();
  };
  const packed = sql
    .exec<{ term: string; docs: ArrayBuffer; freqs: ArrayBuffer }>(`SELECT term, docs, freqs FROM shard_packed WHERE term >= ?1 AND term <= ?2`, phrase, top)
    .toArray();
  let lo = phrase,
    loInclusive = true;
  for (const p of packed) {
    gap(lo, loInclusive, p.term, false);
    out.push(unpack(p.docs, p.freqs));
    lo = p.term;
    loInclusive = false;
  }
  gap(lo, loInclusive, top, true);
  return out;
}

/**
 * One phrase's list: one term's rows come in order; several (`cohort` covers cohort, cohorts, …) are summed per row
 * into a dense array over the shard's slots and read out in slot order.
 */
export function phraseList(sql: SqlStorage, s: ShardState, phrase: string, packMin = PACK_MIN_ROWS): PhraseList {
  const terms = termPostings(sql, phrase, packMin);
  if (terms.length === 0) return { slots: new Int32Array(0), freqs: new Float64Array(0), rows: 0 };
  if (terms.length === 1) {
    const { ords, freqs } = terms[0]!;
    const slots = new Int32Array(ords.length);
    for (let i = 0; i < ords.length; i++) slots[i] = s.slotOf(ords[i]!);
    return { slots, freqs, rows: slots.length };
  }
  const sum = new Float64Array(s.slots + 1);
  const seen = new Uint8Array(s.slots + 1);
  for (const { ords, freqs } of terms)
    for (let i = 0; i < ords.length; i++) {
      const slot = s.slotOf(ords[i]!);
      sum[slot]! += freqs[i]!;
      seen[slot] = 1;
    }
  const out: number[] = [];
  for (let slot = 0; slot < seen.length; slot++) if (seen[slot]) out.push(slot);
  return { slots: Int32Array.from(out), freqs: Float64Array.from(out, (slot) => sum[slot]!), rows: out.length };
}

/**
 * The first position at or after `from` whose slot is >= `slot` (xs ascending): steps of 1, 2, 4, … then a binary
 * search in the last step, so driving a short list through a long one costs short × log(gap), not the long list.
 */
export function gallop(xs: Int32Array, from: number, slot: number): number {
  if (from >= xs.length || xs[from]! >= slot) return from;
  let lo = from,
    step = 1;
  while (lo + step < xs.length && xs[lo + step]! < slot) {
    lo += step;
    step *= 2;
  }
  // xs[lo] < slot, and xs[hi] >= slot or hi = length
  let hi = Math.min(lo + step, xs.length);
  while (hi - lo > 1) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < slot) lo = mid;
    else hi = mid;
  }
  return hi;
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
      const p = gallop(l, pos[i]!, slot);
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
