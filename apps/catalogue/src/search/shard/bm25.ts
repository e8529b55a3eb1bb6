/**
 * bm25 exactly as SQLite's FTS5 computes it (ext/fts5/fts5_aux.c, fts5Bm25Function / fts5Bm25GetData), but with
 * catalogue-wide statistics summed over the index shards, so that a dataset's score does not depend on which shard
 * holds it: the same doubles, in the same operation order, as one FTS5 table over the whole catalogue. Pure.
 */
export const K1 = 1.2;
export const B = 0.75;
/** Column weights of the search: title 10, keywords 4, description 1 (as bm25(datasets_fts, 10.0, 4.0, 1.0)). */
export const WEIGHTS = { title: 10.0, keywords: 4.0, description: 1.0 } as const;

/** Statistics over the whole catalogue: rows, tokens in all columns, and per phrase the rows containing it. */
export interface TextStats {
  rows: number;
  tokens: number;
  hits: number[];
}

export function idf(rows: number, hits: number): number {
  const v = Math.log((rows - hits + 0.5) / (hits + 0.5));
  return v <= 0.0 ? 1e-6 : v;
}

/** Sums shards' statistics (integers: exact in any order). */
export function sumStats(parts: TextStats[]): TextStats {
  const out: TextStats = { rows: 0, tokens: 0, hits: parts[0]?.hits.map(() => 0) ?? [] };
  for (const p of parts) {
    out.rows += p.rows;
    out.tokens += p.tokens;
    p.hits.forEach((h, i) => (out.hits[i]! += h));
  }
  return out;
}

/** A scorer for rows: `freq[i]` the weighted instance count of phrase i in the row, `dl` the row's tokens. */
export function scorer(stats: TextStats): (freq: ArrayLike<number>, dl: number) => number {
  const avgdl = stats.tokens / stats.rows;
  const idfs = stats.hits.map((h) => idf(stats.rows, h));
  return (freq, dl) => {
    let score = 0.0;
    for (let i = 0; i < idfs.length; i++) {
      const f = freq[i]!;
      score += idfs[i]! * ((f * (K1 + 1.0)) / (f + K1 * (1 - B + (B * dl) / avgdl)));
    }
    return -1.0 * score;
  };
}
