/**
 * The shard's per-phrase row lists (./text.ts PhraseList) kept between queries, bounded by bytes (16 MiB by
 * default, least recently used out first, weighed by the typed arrays' bytes): a query intersects its phrases'
 * lists, so a phrase read once serves every later query containing it, whatever its other words and facets.
 *
 * The lists follow the shard's rows, not the catalogue version: a write that changes a few rows forgets only the
 * lists it can have changed — those holding a changed row (it was updated or deleted) and those whose prefix starts
 * a term a changed row now holds (it may now match) — so one publish does not make every later search read its
 * phrases again. More than MAX_SELECTIVE_CHANGES rows in one write (a harvest page, a build) forget everything.
 */
import { LruMap } from "@regie/shared";
import type { PhraseList } from "./text";

export const PHRASE_CACHE_BYTES = 16 * 1024 * 1024;
/** Rows per write up to which the cache forgets selectively (cost: cached lists × changed rows × log(list length)). */
export const MAX_SELECTIVE_CHANGES = 256;
const ENTRY_OVERHEAD = 64;

export const phraseListBytes = (l: PhraseList) => l.slots.byteLength + l.freqs.byteLength + ENTRY_OVERHEAD;

/** A row a write changed: its slot, and the terms it holds after the write (none when it was deleted). */
export interface RowChange {
  slot: number;
  terms: string[];
}

/** The first position in the ascending `xs` whose value is >= `x` (xs.length when there is none). */
function lowerBound<T extends number | string>(xs: ArrayLike<T>, x: T): number {
  let lo = 0,
    hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether the ascending `slots` hold `slot` (binary search). */
export function holds(slots: Int32Array, slot: number): boolean {
  const i = lowerBound(slots, slot);
  return i < slots.length && slots[i] === slot;
}

/** Whether a term of the ascending `terms` starts with `prefix` (the first term >= prefix does, if any does). */
function startsAny(terms: string[], prefix: string): boolean {
  const i = lowerBound(terms, prefix);
  return i < terms.length && terms[i]!.startsWith(prefix);
}

export class PhraseCache {
  private readonly lists: LruMap<string, PhraseList>;

  constructor(maxBytes = PHRASE_CACHE_BYTES) {
    this.lists = new LruMap<string, PhraseList>(65_536, { weigh: phraseListBytes, maxWeight: maxBytes });
  }

  /** The phrase's list, read by `load` when not held. */
  get(phrase: string, load: () => PhraseList): PhraseList {
    let l = this.lists.get(phrase);
    if (!l) {
      l = load();
      this.lists.set(phrase, l);
    }
    return l;
  }

  /** Forgets the lists the changed rows can have changed (everything, past MAX_SELECTIVE_CHANGES rows). */
  forget(changes: RowChange[]) {
    if (changes.length === 0) return;
    if (changes.length > MAX_SELECTIVE_CHANGES) return this.clear();
    const terms = [...new Set(changes.flatMap((c) => c.terms))].sort();
    this.lists.deleteWhere((l, phrase) => startsAny(terms, phrase) || changes.some((c) => holds(l.slots, c.slot)));
  }

  /** Forgets everything. */
  clear() {
    this.lists.clear();
  }

  get bytes(): number {
    return this.lists.weight;
  }
  get size(): number {
    return this.lists.size;
  }
}
