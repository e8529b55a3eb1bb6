/**
 * A Map that holds at most `capacity` entries and drops the least recently used one to make room. Reading an entry
 * (`get`) or writing it (`set`) makes it the most recently used. Pure. The consent shard objects keep their
 * per-citizen caches in it and the catalogue its search caches, so their memory stays bounded.
 *
 * Optionally also bounded by weight (e.g. estimated bytes): with `weigh` and `maxWeight`, the entries' total weight
 * stays at or below `maxWeight` (least recently used dropped first), and an entry heavier than `maxEntryWeight`
 * (default `maxWeight`) is not stored at all (`set` then removes any older value under that key; check with `has`).
 * A value's weight is taken when it is `set`: after changing a stored value in place, `set` it again to re-weigh it.
 */
export interface LruWeightOptions<K, V> {
  /** The weight of one entry (a finite number >= 0), e.g. its estimated size in bytes. */
  weigh: (value: V, key: K) => number;
  /** Largest total weight of all entries. */
  maxWeight: number;
  /** Largest weight of one entry; heavier entries are not kept. Default: maxWeight. */
  maxEntryWeight?: number;
}

export class LruMap<K, V> {
  private readonly map = new Map<K, V>();
  private readonly weights?: Map<K, number>;
  private readonly weighing?: Required<LruWeightOptions<K, V>>;
  private total = 0;

  constructor(
    readonly capacity: number,
    weight?: LruWeightOptions<K, V>,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new Error("LRU capacity must be a positive integer");
    if (weight) {
      const maxEntryWeight = weight.maxEntryWeight ?? weight.maxWeight;
      if (!(weight.maxWeight > 0) || !(maxEntryWeight > 0) || maxEntryWeight > weight.maxWeight) {
        throw new Error("LRU maxWeight must be positive and maxEntryWeight between 0 (exclusive) and maxWeight");
      }
      this.weighing = { weigh: weight.weigh, maxWeight: weight.maxWeight, maxEntryWeight };
      this.weights = new Map();
    }
  }

  get size(): number {
    return this.map.size;
  }

  /** The total weight of the entries held (0 without a weigher). */
  get weight(): number {
    return this.total;
  }

  /** The largest total weight (Infinity without a weigher). */
  get maxWeight(): number {
    return this.weighing?.maxWeight ?? Infinity;
  }

  /** The largest weight of one entry (Infinity without a weigher). */
  get maxEntryWeight(): number {
    return this.weighing?.maxEntryWeight ?? Infinity;
  }

  get(key: K): V | undefined {
    const value = this.map.get(key);
    if (value !== undefined) {
      // move to the end of the insertion order: the most recently used
      this.map.delete(key);
      this.map.set(key, value);
    }
    return value;
  }

  has(key: K): boolean {
    return this.map.has(key);
  }

  set(key: K, value: V): this {
    if (!this.weighing) {
      if (this.map.has(key)) this.map.delete(key);
      else if (this.map.size >= this.capacity) this.map.delete(this.map.keys().next().value as K);
      this.map.set(key, value);
      return this;
    }
    const w = this.weighing.weigh(value, key);
    if (!Number.isFinite(w) || w < 0) throw new Error("LRU weigh must return a finite number >= 0");
    this.delete(key);
    if (w > this.weighing.maxEntryWeight) return this;
    while (this.map.size > 0 && (this.map.size >= this.capacity || this.total + w > this.weighing.maxWeight)) {
      this.delete(this.map.keys().next().value as K);
    }
    this.map.set(key, value);
    this.weights!.set(key, w);
    this.total += w;
    return this;
  }

  delete(key: K): boolean {
    if (this.weights) {
      const w = this.weights.get(key);
      if (w !== undefined) {
        this.total -= w;
        this.weights.delete(key);
      }
    }
    return this.map.delete(key);
  }

  /** Deletes every entry for which `pred` holds; returns how many went. */
  deleteWhere(pred: (value: V, key: K) => boolean): number {
    let n = 0;
    for (const [key, value] of [...this.map]) if (pred(value, key) && this.delete(key)) n++;
    return n;
  }

  clear(): void {
    this.map.clear();
    this.weights?.clear();
    this.total = 0;
  }
}

/** The capacity from a configuration string; anything that is not a positive integer gives the fallback. */
export function capacityFrom(raw: string | undefined, fallback: number): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 1 ? n : fallback;
}
