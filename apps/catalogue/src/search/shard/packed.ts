/**
 * Packed posting lists (`shard_packed`, ./schema.ts): a long term's rows of `shard_postings` copied into two blobs
 * — its ordinals (Int32) and weighted frequencies (Float64), ascending by ordinal — so a phrase read costs one value
 * per term instead of one SQLite row per hit crossing into JavaScript. Measured in workerd (SQLite-backed Durable
 * Object, this machine): 125,000 postings read as rows 75 ms (as raw arrays 55 ms), as one blob 0.7 ms.
 *
 * Invariant: a term in shard_packed holds exactly its rows in shard_postings. Every write transaction that changes
 * a term's postings deletes its packed copy (./terms.ts), a full build packs every term of at least `packMin` rows
 * at its end (packTerms), and a phrase read that meets an unpacked term of at least `packMin` rows packs it
 * (./text.ts), so a term a write invalidated costs its row scan once, not on every later read.
 * shard_postings stays the record: the packed copy is rebuilt from it, never the other way round.
 */

/** Terms with fewer postings are read as rows (64 rows ≈ 40 µs): packing them would only add writes. */
export const PACK_MIN_ROWS = 64;
/** Postings packed per write transaction at the end of a build (≈ 12 MB of blobs). */
const PACK_TRANSACTION_POSTINGS = 1_000_000;

// Typed arrays use the platform's byte order; every platform workerd runs on is little-endian.
if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error("packed posting lists assume a little-endian platform");

export interface Postings {
  ords: Int32Array;
  freqs: Float64Array;
}

/** A packed row's blobs as typed arrays (views of the values SQLite handed over: each is a buffer of its own). */
export function unpack(docs: ArrayBuffer, freqs: ArrayBuffer): Postings {
  return { ords: new Int32Array(docs), freqs: new Float64Array(freqs) };
}

/** Writes a term's packed copy (rows ascending by ordinal). */
export function storePacked(sql: SqlStorage, term: string, { ords, freqs }: Postings) {
  sql.exec(`INSERT OR REPLACE INTO shard_packed (term, docs, freqs) VALUES (?, ?, ?)`, term, ords.buffer, freqs.buffer);
}

/**
 * Packs every term with at least `packMin` postings, one term's rows in memory at a time; the long terms are found
 * by SQLite alone (a grouped scan of the key, nothing crossing into JavaScript). Returns the terms packed.
 */
export function packTerms(sql: SqlStorage, transaction: (fn: () => void) => void, packMin: number): number {
  const long = sql.exec<{ term: string; n: number }>(`SELECT term, count(*) AS n FROM shard_postings GROUP BY term HAVING count(*) >= ?`, packMin).toArray();
  let at = 0;
  while (at < long.length) {
    transaction(() => {
      for (let postings = 0; at < long.length && postings < PACK_TRANSACTION_POSTINGS; at++) {
        const { term, n } = long[at]!;
        const ords = new Int32Array(n),
          freqs = new Float64Array(n);
        let i = 0;
        for (const [doc, f] of sql.exec<{ doc: number; f: number }>(`SELECT doc, f FROM shard_postings WHERE term = ?`, term).raw()) {
          ords[i] = doc as number;
          freqs[i++] = f as number;
        }
        storePacked(sql, term, { ords, freqs });
        postings += n;
      }
    });
  }
  return long.length;
}
