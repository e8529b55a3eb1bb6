/**
 * Full-text reads of one index shard's SQLite: the hits of a MATCH expression (FTS5 decides what matches, exactly
 * as D1's datasets_fts did) and, per phrase, each hit's weighted instance count from the fts5vocab instance table
 * (title 10, keywords 4, description 1: the bm25 column weights) and the number of rows containing the phrase —
 * the inputs of bm25 that are summed over shards (see ./bm25.ts). Rows are read one per hit, never concatenated.
 */
import type { ShardState } from "./state";

/** `"oncolog"* "kanker"*` -> ["oncolog", "kanker"] (toMatchExpression's output: quoted prefix phrases of letters and digits). */
export function phrasesOf(match: string): string[] {
  return match.split(" ").map((p) => p.slice(1, -2));
}

/** The highest code point: prefix + this bounds every term that starts with prefix (term <= bound). */
const TOP = String.fromCodePoint(0x10ffff);

export function phraseFreqs(sql: SqlStorage, s: ShardState, match: string, phrases: string[]): { slots: Int32Array; freqs: Float64Array[]; hits: number[] } {
  const ords: number[] = [];
  for (const r of sql.exec<{ o: number }>(`SELECT rowid AS o FROM shard_fts WHERE shard_fts MATCH ? ORDER BY rowid`, match)) ords.push(r.o);
  const slots = Int32Array.from(ords, (o) => s.slotOf(o));
  const hits: number[] = [];
  const freqs = phrases.map((p) => {
    const f = new Float64Array(slots.length);
    let h = 0,
      n = 0;
    const cursor = sql.exec<{ doc: number; f: number }>(
      `SELECT doc, sum(CASE col WHEN 'title' THEN 10.0 WHEN 'keywords' THEN 4.0 ELSE 1.0 END) AS f
       FROM shard_vocab WHERE term >= ?1 AND term <= ?2 GROUP BY doc ORDER BY doc`,
      p,
      p + TOP,
    );
    for (const r of cursor) {
      n++;
      while (h < ords.length && ords[h]! < r.doc) h++;
      if (h < ords.length && ords[h] === r.doc) f[h] = r.f;
    }
    hits.push(n);
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
