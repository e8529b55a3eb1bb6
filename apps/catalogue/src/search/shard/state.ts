/**
 * One index shard's in-memory search structures, compact and bounded by the shard's size (not by the number of
 * distinct facet values): per dataset slot its facet value ids in one growing pool (a forward index, ≈4 bytes per
 * value), its range columns as typed arrays and its sort keys; per facet value an id, a label and a reference count;
 * the slots pre-sorted by modified and by title (re-sorted lazily, merging only the changed slots when few changed).
 * A shard holds the datasets whose ordinal % count is its number; slot = ordinal div count, so slots follow ordinals.
 * Mutable: the Durable Object serialises changes; a query runs synchronously between them. Pure.
 */
import { FACET_FIELDS, type FacetField } from "@regie/shared/contracts/catalogue";
import { NONE, day, facetValues, merge, type IndexRow } from "../index-state";

export interface ShardRow extends IndexRow {
  /** tokens of the row in all full-text columns (FTS5's column sizes summed) */
  dl: number;
}

export const FIELD_INDEX = Object.fromEntries(FACET_FIELDS.map((f, i) => [f, i])) as Record<FacetField, number>;

const grow = <T extends Uint8Array | Uint32Array | Int16Array | Int32Array | Float64Array>(a: T, len: number, fill?: number): T => {
  if (a.length >= len) return a;
  const out = new (a.constructor as new (n: number) => T)(Math.max(len, a.length * 2, 64));
  if (fill !== undefined) out.fill(fill);
  out.set(a);
  return out;
};

export class ShardState {
  /** slots in use (highest live slot + 1 at most) */
  slots = 0;
  live = 0;
  /** Σ dl over live rows */
  tokens = 0;
  alive = new Uint8Array(0);
  dl = new Uint32Array(0);
  minAge = new Int16Array(0);
  maxAge = new Int16Array(0);
  individuals = new Float64Array(0);
  temporalStart = new Int32Array(0);
  temporalEnd = new Int32Array(0);
  modified: (string | undefined)[] = [];
  titles: (string | undefined)[] = [];
  /** MQA score per slot (src/quality) */
  quality = new Int16Array(0);
  /** forward index: slot -> value ids at pool[start[slot]] .. + len[slot] */
  pool = new Uint32Array(1024);
  poolUsed = 0;
  poolGarbage = 0;
  start = new Uint32Array(0);
  len = new Uint32Array(0);
  /** value id -> field index, value, label, number of live datasets having it */
  valueField: number[] = [];
  valueName: string[] = [];
  /** the raw label a value came with (publisher names; vocabulary labels are looked up by whoever shows them) */
  valueLabel: (string | undefined)[] = [];
  valueRefs: number[] = [];
  private freeIds: number[] = [];
  readonly dict: Map<string, number>[] = FACET_FIELDS.map(() => new Map());
  private byModified: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private byTitle: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private byQuality: Int32Array<ArrayBufferLike> = new Int32Array(0);
  private dirty = new Set<number>();
  private resortAll = false;

  constructor(
    readonly shard: number,
    readonly count: number,
  ) {}

  slotOf(ord: number): number {
    return (ord - this.shard) / this.count;
  }
  ordOf(slot: number): number {
    return slot * this.count + this.shard;
  }
  owns(ord: number): boolean {
    return ord >= 0 && ord % this.count === this.shard;
  }

  private ensure(slots: number) {
    this.alive = grow(this.alive, slots);
    this.dl = grow(this.dl, slots);
    this.minAge = grow(this.minAge, slots, NONE);
    this.maxAge = grow(this.maxAge, slots, NONE);
    this.individuals = grow(this.individuals, slots, NONE);
    this.temporalStart = grow(this.temporalStart, slots, NONE);
    this.temporalEnd = grow(this.temporalEnd, slots, NONE);
    this.quality = grow(this.quality, slots);
    this.start = grow(this.start, slots);
    this.len = grow(this.len, slots);
  }

  private valueId(field: FacetField, value: string, label: string | undefined): number {
    const d = this.dict[FIELD_INDEX[field]]!;
    let id = d.get(value);
    if (id === undefined) {
      id = this.freeIds.pop() ?? this.valueName.length;
      d.set(value, id);
      this.valueField[id] = FIELD_INDEX[field];
      this.valueName[id] = value;
      this.valueLabel[id] = label;
      this.valueRefs[id] = 0;
    }
    return id;
  }

  /** Puts a row in (replacing what its ordinal had). */
  put(r: ShardRow) {
    if (!this.owns(r.ord)) throw new Error(`ordinal ${r.ord} is not in shard ${this.shard} of ${this.count}`);
    this.remove(r.ord);
    const slot = this.slotOf(r.ord);
    this.ensure(slot + 1);
    const ids = facetValues(r).map(([f, v, l]) => this.valueId(f, v, l));
    const unique = [...new Set(ids)];
    if (this.poolUsed + unique.length > this.pool.length) this.compact(unique.length);
    this.start[slot] = this.poolUsed;
    this.len[slot] = unique.length;
    for (const id of unique) {
      this.pool[this.poolUsed++] = id;
      this.valueRefs[id]!++;
    }
    this.alive[slot] = 1;
    this.dl[slot] = r.dl;
    this.minAge[slot] = r.min_age ?? NONE;
    this.maxAge[slot] = r.max_age ?? NONE;
    this.individuals[slot] = r.individuals ?? NONE;
    this.temporalStart[slot] = day(r.temporal_start);
    this.temporalEnd[slot] = day(r.temporal_end);
    this.modified[slot] = r.modified;
    this.titles[slot] = r.title_sort;
    this.quality[slot] = r.quality ?? 0;
    this.slots = Math.max(this.slots, slot + 1);
    this.live++;
    this.tokens += r.dl;
    this.touch(slot);
  }

  /** Takes an ordinal out completely (nothing when it is not here). */
  remove(ord: number) {
    const slot = this.slotOf(ord);
    if (slot >= this.slots || !this.alive[slot]) return;
    for (let i = this.start[slot]!, end = i + this.len[slot]!; i < end; i++) {
      const id = this.pool[i]!;
      if (--this.valueRefs[id]! === 0) {
        this.dict[this.valueField[id]!]!.delete(this.valueName[id]!);
        this.valueLabel[id] = undefined;
        this.freeIds.push(id);
      }
    }
    this.poolGarbage += this.len[slot]!;
    this.len[slot] = 0;
    this.alive[slot] = 0;
    this.tokens -= this.dl[slot]!;
    this.live--;
    this.modified[slot] = this.titles[slot] = undefined;
    this.touch(slot);
  }

  /** Rewrites the pool without the garbage of removed and replaced rows (room for `extra` more). */
  private compact(extra: number) {
    const used = this.poolUsed - this.poolGarbage;
    const out = new Uint32Array(Math.max(1024, (used + extra) * 2));
    let k = 0;
    for (let s = 0; s < this.slots; s++) {
      if (!this.alive[s]) continue;
      const from = this.start[s]!;
      this.start[s] = k;
      out.set(this.pool.subarray(from, from + this.len[s]!), k);
      k += this.len[s]!;
    }
    this.pool = out;
    this.poolUsed = k;
    this.poolGarbage = 0;
  }

  private touch(slot: number) {
    if (this.resortAll) return;
    this.dirty.add(slot);
    if (this.dirty.size > 64 + (this.live >> 4)) {
      this.resortAll = true;
      this.dirty.clear();
    }
  }

  /** Slots newest modified first, by title A–Z and by MQA score best first (ties: lower slot = lower ordinal first). */
  orders(): { byModified: Int32Array<ArrayBufferLike>; byTitle: Int32Array<ArrayBufferLike>; byQuality: Int32Array<ArrayBufferLike> } {
    const mod = (a: number, b: number) => {
      const ma = this.modified[a]!,
        mb = this.modified[b]!;
      return ma < mb ? 1 : ma > mb ? -1 : a - b;
    };
    const title = (a: number, b: number) => {
      const ta = this.titles[a]!,
        tb = this.titles[b]!;
      return ta < tb ? -1 : ta > tb ? 1 : a - b;
    };
    const quality = (a: number, b: number) => this.quality[b]! - this.quality[a]! || a - b;
    if (this.resortAll) {
      const all: number[] = [];
      for (let s = 0; s < this.slots; s++) if (this.alive[s]) all.push(s);
      this.byModified = Int32Array.from(all.sort(mod));
      this.byTitle = Int32Array.from(all.sort(title));
      this.byQuality = Int32Array.from(all.sort(quality));
    } else if (this.dirty.size) {
      const changed = this.dirty;
      const kept = (order: Int32Array) => order.filter((s) => !changed.has(s));
      const added = [...changed].filter((s) => this.alive[s]);
      this.byModified = merge(kept(this.byModified), [...added].sort(mod), mod);
      this.byTitle = merge(kept(this.byTitle), [...added].sort(title), title);
      this.byQuality = merge(kept(this.byQuality), [...added].sort(quality), quality);
    }
    this.resortAll = false;
    this.dirty = new Set();
    return { byModified: this.byModified, byTitle: this.byTitle, byQuality: this.byQuality };
  }

  /** Bytes held by the typed arrays and (estimated) strings: what the memory bound is checked against. */
  bytes(): number {
    const typed = [
      this.alive,
      this.dl,
      this.minAge,
      this.maxAge,
      this.individuals,
      this.temporalStart,
      this.temporalEnd,
      this.quality,
      this.pool,
      this.start,
      this.len,
      this.byModified,
      this.byTitle,
      this.byQuality,
    ];
    let n = typed.reduce((s, a) => s + a.byteLength, 0);
    n += this.slots * 2 * 8 + this.live * 2 * 48; // two string slots per row, the strings themselves
    n += this.valueName.length * (8 * 4 + 64); // per value: field, name, label, refs, and the strings
    return n;
  }
}
