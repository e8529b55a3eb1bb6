/**
 * Realistic facet variety for scale benchmarks: hundreds of publishers and thousands of distinct keywords drawn
 * with a Zipf distribution (a few very common, a long tail of rare ones), as in real catalogues (data.europa.eu).
 * The demo generator's ≈60 keywords and 5 publishers would hide what distinct values cost. Seeded and pure.
 */
import type { DemoPublisher } from "@regie/shared/demo";

export const VARIETY_PUBLISHERS = 500;
export const VARIETY_KEYWORDS = 5000;
/** keywords added to each dataset */
export const KEYWORDS_PER_DATASET = 5;
const ZIPF_S = 1.07;

const SYLLABLES = [
  "car",
  "dio",
  "neu",
  "ro",
  "pul",
  "mo",
  "gas",
  "tro",
  "en",
  "te",
  "ro",
  "lo",
  "gie",
  "der",
  "ma",
  "to",
  "ne",
  "fro",
  "hema",
  "onco",
  "pe",
  "di",
  "a",
  "trie",
  "uro",
  "gy",
  "na",
  "eco",
  "bio",
  "sta",
  "tis",
  "tiek",
  "zorg",
  "data",
  "reg",
  "is",
  "ter",
  "co",
  "hort",
  "vita",
];

/** The keyword of rank `i` (0 = most common): a deterministic made-up word of 2–4 syllables plus the rank. */
export function keywordOfRank(i: number): string {
  let x = i + 1;
  const parts: string[] = [];
  for (let k = 0; k < 2 + (i % 3); k++) {
    parts.push(SYLLABLES[x % SYLLABLES.length]!);
    x = Math.floor(x / SYLLABLES.length) + k * 7 + 3;
  }
  return `${parts.join("")}${i}`;
}

export const VARIETY_PUBLISHER_LIST: readonly DemoPublisher[] = Array.from({ length: VARIETY_PUBLISHERS }, (_, i) => {
  const id = `org-${String(i + 1).padStart(3, "0")}`;
  return { publisherId: id, name: `Zorgorganisatie ${i + 1}`, homepage: `https://${id}.example.nl` };
});

let cdf: Float64Array | null = null;
/** A Zipf-distributed rank in [0, VARIETY_KEYWORDS) for a uniform `u` in [0, 1). */
export function zipfRank(u: number): number {
  if (!cdf) {
    cdf = new Float64Array(VARIETY_KEYWORDS);
    let sum = 0;
    for (let i = 0; i < VARIETY_KEYWORDS; i++) cdf[i] = sum += 1 / (i + 1) ** ZIPF_S;
    for (let i = 0; i < VARIETY_KEYWORDS; i++) cdf[i]! /= sum;
  }
  let lo = 0,
    hi = VARIETY_KEYWORDS - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid]! < u) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** KEYWORDS_PER_DATASET distinct keywords for one dataset. */
export function varietyKeywords(r: () => number): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < KEYWORDS_PER_DATASET && tries < 50; tries++) out.add(keywordOfRank(zipfRank(r())));
  return [...out];
}
