/**
 * The shard's per-phrase row lists (./text.ts PhraseList) kept between queries, bounded by bytes (16 MiB by
 * default, least recently used out first, weighed by the typed arrays' bytes): a query intersects its phrases'
 * lists, so a phrase read once serves every later query containing it, whatever its other words and facets. The
 * lists hold for one catalogue version of the shard: a new version (any write the shard followed: publish, update,
 * delete) empties the cache before it is read again.
 */
import { LruMap } from "@regie/shared";
import type { PhraseList } from "./text";

export const PHRASE_CACHE_BYTES = 16 * 1024 * 1024;
const ENTRY_OVERHEAD = 64;

export const phraseListBytes = (l: PhraseList) => l.slots.byteLength + l.freqs.byteLength + ENTRY_OVERHEAD;

export class PhraseCache {
  private version: string | null = null;
  private readonly lists: LruMap<string, PhraseList>;

  constructor(maxBytes = PHRASE_CACHE_BYTES) {
    this.lists = new LruMap<string, PhraseList>(65_536, { weigh: phraseListBytes, maxWeight: maxBytes });
  }

  /** The phrase's list at `version`, read by `load` when not held (or held for another version). */
  get(version: string, phrase: string, load: () => PhraseList): PhraseList {
    if (version !== this.version) {
      this.lists.clear();
      this.version = version;
    }
    let l = this.lists.get(phrase);
    if (!l) {
      l = load();
      this.lists.set(phrase, l);
    }
    return l;
  }

  /** Forgets everything (the shard's rows changed). */
  clear() {
    this.lists.clear();
    this.version = null;
  }

  get bytes(): number {
    return this.lists.weight;
  }
  get size(): number {
    return this.lists.size;
  }
}
