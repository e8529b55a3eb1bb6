/**
 * The search index an isolate holds in memory: per facet value a bitset over dataset ordinals, range columns as
 * typed arrays and the datasets pre-sorted by modified and by title. Built from D1 rows; when the catalogue
 * changes, `withChanges` derives the next index from the changed rows alone (copy on write: an index never
 * changes once built, so a search that holds one sees one version throughout). Pure.
 */
import type { FacetField } from "@regie/shared/contracts/catalogue";
import * as bits from "./bitset";
import type { Bitset } from "./bitset";
import {
  FIELDS,
  NONE,
  day,
  capacity,
  facetValues,
  labelFor,
  setColumns,
  byModifiedOrder,
  byTitleOrder,
  byQualityOrder,
  merge,
  build,
  type IndexRow,
  type FacetIndex,
  type IndexState,
} from "./index-state";

export type { IndexRow, FacetIndex, IndexState } from "./index-state";

export class SearchIndex {
  /** ordinals the index has room for (at least the highest ordinal + 1) */
  readonly size: number;
  readonly alive: Bitset;
  readonly facets: Record<FacetField, FacetIndex>;
  readonly minAge: Int16Array;
  readonly maxAge: Int16Array;
  readonly individuals: Float64Array;
  readonly temporalStart: Int32Array;
  readonly temporalEnd: Int32Array;
  /** ordinals, newest modified first (ties: lower ordinal first) */
  readonly byModified: Int32Array;
  /** ordinals by title A–Z (ties: lower ordinal first) */
  readonly byTitle: Int32Array;
  /** ordinals by MQA score, best first (ties: lower ordinal first) */
  readonly byQuality: Int32Array;
  readonly count: number;
  private readonly modified: (string | undefined)[];
  private readonly titles: (string | undefined)[];
  private readonly quality: Int16Array;

  constructor(
    readonly version: string,
    rows: IndexRow[] | IndexState,
  ) {
    const s = Array.isArray(rows) ? build(rows) : rows;
    this.size = s.size;
    this.alive = s.alive;
    this.facets = s.facets;
    this.minAge = s.minAge;
    this.maxAge = s.maxAge;
    this.individuals = s.individuals;
    this.temporalStart = s.temporalStart;
    this.temporalEnd = s.temporalEnd;
    this.modified = s.modified;
    this.titles = s.titles;
    this.quality = s.quality;
    this.byModified = s.byModified;
    this.byTitle = s.byTitle;
    this.byQuality = s.byQuality;
    this.count = s.byModified.length;
  }

  /**
   * The index at `version`, given the rows changed since this one's version: `upserts` are the changed rows as they
   * are now (new or updated), `deleted` the ordinals that no longer exist. Every changed ordinal is first taken out
   * completely (all its facet bits, range values and sort positions), then put back from its new row, so a dataset
   * is never left with part of its old state. Facet values no dataset has any more disappear, as after a rebuild.
   * This index is left unchanged.
   */
  withChanges(version: string, upserts: IndexRow[], deleted: number[]): SearchIndex {
    const latest = new Map<number, IndexRow>();
    for (const r of upserts) latest.set(r.ord, r);
    for (const o of deleted) latest.delete(o);
    const rows = [...latest.values()];
    const changed = new Set<number>([...deleted, ...latest.keys()]);
    const needed = rows.reduce((m, r) => Math.max(m, r.ord + 1), 0);
    const size = needed > this.size ? capacity(needed) : this.size;
    const grown = size !== this.size;
    const n = bits.words(size);
    // bitsets this call has copied (and so may change)
    const own = new Set<Bitset>();
    const copy = (b: Bitset): Bitset => {
      if (own.has(b)) return b;
      const c = new Uint32Array(n);
      c.set(b);
      own.add(c);
      return c;
    };
    const typed = <T extends Int16Array | Int32Array | Float64Array>(a: T, make: (len: number) => T): T => {
      const c = make(size).fill(NONE) as T;
      c.set(a);
      return c;
    };
    const facets = {} as Record<FacetField, FacetIndex>;
    for (const f of FIELDS) {
      const old = this.facets[f];
      const values = new Map(old.values);
      if (grown) for (const [v, b] of values) values.set(v, copy(b));
      facets[f] = { values, labels: new Map(old.labels) };
    }
    const s: IndexState = {
      size,
      alive: copy(this.alive),
      facets,
      minAge: typed(this.minAge, (l) => new Int16Array(l)),
      maxAge: typed(this.maxAge, (l) => new Int16Array(l)),
      individuals: typed(this.individuals, (l) => new Float64Array(l)),
      temporalStart: typed(this.temporalStart, (l) => new Int32Array(l)),
      temporalEnd: typed(this.temporalEnd, (l) => new Int32Array(l)),
      modified: this.modified.slice(),
      titles: this.titles.slice(),
      quality: typed(this.quality, (l) => new Int16Array(l)),
      byModified: this.byModified,
      byTitle: this.byTitle,
      byQuality: this.byQuality,
    };
    s.modified.length = s.titles.length = size;

    // 1. take every changed ordinal that was in the index out
    const present = [...changed].filter((o) => o < this.size && bits.has(this.alive, o));
    const touched: [FacetIndex, string][] = [];
    if (present.length) {
      for (const fi of Object.values(facets)) {
        for (const [value, b] of fi.values) {
          let w: Bitset | null = null;
          for (const o of present) {
            if (!bits.has(b, o)) continue;
            w ??= copy(b);
            bits.clear(w, o);
          }
          if (w) {
            fi.values.set(value, w);
            touched.push([fi, value]);
          }
        }
      }
      for (const o of present) {
        bits.clear(s.alive, o);
        s.minAge[o] = s.maxAge[o] = NONE;
        s.individuals[o] = s.temporalStart[o] = s.temporalEnd[o] = NONE;
        s.modified[o] = s.titles[o] = undefined;
        s.quality[o] = NONE;
      }
    }

    // 2. put the new rows in
    for (const r of rows) {
      bits.set(s.alive, r.ord);
      for (const [field, value, label] of facetValues(r)) {
        const fi = facets[field];
        const b = fi.values.get(value);
        let w: Bitset;
        if (b) w = copy(b);
        else {
          own.add((w = bits.empty(size)));
          fi.labels.set(value, labelFor(field, value, label));
        }
        fi.values.set(value, w);
        bits.set(w, r.ord);
      }
      setColumns(s, r);
    }
    for (const [fi, value] of touched) {
      const b = fi.values.get(value);
      if (b && bits.count(b) === 0) {
        fi.values.delete(value);
        fi.labels.delete(value);
      }
    }

    // 3. the orders: the unchanged ordinals keep their places, the new rows are merged in
    const kept = (order: Int32Array): Int32Array => {
      if (!present.length) return order;
      const out = new Int32Array(order.length);
      let k = 0;
      for (let i = 0; i < order.length; i++) if (!changed.has(order[i]!)) out[k++] = order[i]!;
      return out.subarray(0, k);
    };
    const mod = byModifiedOrder(s.modified);
    const title = byTitleOrder(s.titles);
    s.byModified = merge(kept(this.byModified), rows.map((r) => r.ord).sort(mod), mod);
    s.byTitle = merge(kept(this.byTitle), rows.map((r) => r.ord).sort(title), title);
    const quality = byQualityOrder(s.quality);
    s.byQuality = merge(kept(this.byQuality), rows.map((r) => r.ord).sort(quality), quality);
    return new SearchIndex(version, s);
  }

  /** Datasets matching the range filters (everything alive when none is given). */
  ranges(q: { minAge?: number; maxAge?: number; temporalStart?: string; temporalEnd?: string; minIndividuals?: number }): Bitset {
    const out = Uint32Array.from(this.alive);
    if (q.minAge === undefined && q.maxAge === undefined && !q.temporalStart && !q.temporalEnd && q.minIndividuals === undefined) return out;
    const qs = q.temporalStart ? day(q.temporalStart) : undefined;
    const qe = q.temporalEnd ? day(q.temporalEnd) : undefined;
    for (let ord = 0; ord < this.size; ord++) {
      if (!bits.has(out, ord)) continue;
      let ok = true;
      if (q.minAge !== undefined || q.maxAge !== undefined) {
        // overlap of [minTypicalAge, maxTypicalAge] with [minAge, maxAge]; a dataset without ages does not match
        const lo = this.minAge[ord]!,
          hi = this.maxAge[ord]!;
        if (lo === NONE && hi === NONE) ok = false;
        else {
          if (q.maxAge !== undefined && lo !== NONE && lo > q.maxAge) ok = false;
          if (q.minAge !== undefined && hi !== NONE && hi < q.minAge) ok = false;
        }
      }
      if (ok && (qs !== undefined || qe !== undefined)) {
        const s = this.temporalStart[ord]!,
          e = this.temporalEnd[ord]!;
        if (s === NONE && e === NONE) ok = false;
        else {
          if (qe !== undefined && s !== NONE && s > qe) ok = false;
          if (qs !== undefined && e !== NONE && e < qs) ok = false;
        }
      }
      if (ok && q.minIndividuals !== undefined) {
        const n = this.individuals[ord]!;
        if (n === NONE || n < q.minIndividuals) ok = false;
      }
      if (!ok) out[ord >>> 5]! &= ~(1 << (ord & 31));
    }
    return out;
  }
}
