/**
 * One shard's part of a search: its total, its facet counts and its first `take` hits after a sort key (keyset),
 * computed over the compact structures of ./state.ts in one pass over the candidates, whatever the number of
 * distinct facet values. Multi-select facets: a dataset counts for the values of facet f when it passes every
 * filter except perhaps f's own selection (the same semantics as ../search.ts). Pure.
 */
import { FACET_FIELDS, type FacetField } from "@regie/shared/contracts/catalogue";
import { NONE, day } from "../index-state";
import { FIELD_INDEX, type ShardState } from "./state";

export type SortKind = "relevance" | "modified" | "title" | "quality";
export type SortKey = number | string;
/** The last item of the previous page: the next page starts after it. */
export interface After {
  key: SortKey;
  ord: number;
}
export interface RangeQuery {
  minAge?: number;
  maxAge?: number;
  temporalStart?: string;
  temporalEnd?: string;
  minIndividuals?: number;
}
export interface ShardQuery {
  /** normalised selected values per facet (see selections in ../search.ts) */
  selections: Partial<Record<FacetField, string[]>>;
  ranges: RangeQuery;
  /** relevance only with a text query (without one the order is modified, as in ../search.ts) */
  sort: SortKind;
  after: After | null;
  take: number;
  /** values reported per facet besides the selected ones (the rest is summarised by `more`) */
  facetLimit: number;
  /** values whose counts must be reported even beyond facetLimit (the coordinator's refinement) */
  exact?: Partial<Record<FacetField, string[]>>;
}
/**
 * Full-text hits in this shard: slots ascending, and when ranking by relevance the bm25 score of hit h — asked only
 * for the hits that pass the filters (most do not when facets are selected).
 */
export interface TextHits {
  slots: Int32Array;
  score: ((hit: number) => number) | null;
}
export interface FacetPart {
  /** [value, count, raw label]: count > 0 by count desc, value asc (at most facetLimit), then selected/exact ones */
  values: [string, number, string | undefined][];
  /** the count of the best value left out (0: none left out, the list is complete) */
  more: number;
}
export interface ShardAnswer {
  total: number;
  /** [ordinal, sort key], in order */
  items: [number, SortKey][];
  facets: Record<FacetField, FacetPart>;
}

export function inRanges(s: ShardState, slot: number, q: RangeQuery, qs: number | undefined, qe: number | undefined): boolean {
  if (q.minAge !== undefined || q.maxAge !== undefined) {
    const lo = s.minAge[slot]!,
      hi = s.maxAge[slot]!;
    if (lo === NONE && hi === NONE) return false;
    if (q.maxAge !== undefined && lo !== NONE && lo > q.maxAge) return false;
    if (q.minAge !== undefined && hi !== NONE && hi < q.minAge) return false;
  }
  if (qs !== undefined || qe !== undefined) {
    const st = s.temporalStart[slot]!,
      en = s.temporalEnd[slot]!;
    if (st === NONE && en === NONE) return false;
    if (qe !== undefined && st !== NONE && st > qe) return false;
    if (qs !== undefined && en !== NONE && en < qs) return false;
  }
  if (q.minIndividuals !== undefined) {
    const n = s.individuals[slot]!;
    if (n === NONE || n < q.minIndividuals) return false;
  }
  return true;
}

/** Keeps the `k` best (score, ordinal) pairs: a max-heap on "worse", so the worst kept one is at the top. */
class TopK {
  readonly score: Float64Array;
  readonly ord: Float64Array;
  n = 0;
  constructor(readonly k: number) {
    this.score = new Float64Array(k);
    this.ord = new Float64Array(k);
  }
  private worse(i: number, j: number) {
    return this.score[i]! > this.score[j]! || (this.score[i] === this.score[j] && this.ord[i]! > this.ord[j]!);
  }
  private swap(i: number, j: number) {
    const s = this.score[i]!,
      o = this.ord[i]!;
    this.score[i] = this.score[j]!;
    this.ord[i] = this.ord[j]!;
    this.score[j] = s;
    this.ord[j] = o;
  }
  offer(score: number, ord: number) {
    if (this.k === 0) return;
    if (this.n < this.k) {
      let i = this.n++;
      this.score[i] = score;
      this.ord[i] = ord;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.worse(i, p)) break;
        this.swap(i, p);
        i = p;
      }
      return;
    }
    if (score > this.score[0]! || (score === this.score[0] && ord > this.ord[0]!)) return;
    this.score[0] = score;
    this.ord[0] = ord;
    for (let i = 0; ;) {
      const l = 2 * i + 1,
        r = l + 1;
      let m = i;
      if (l < this.n && this.worse(l, m)) m = l;
      if (r < this.n && this.worse(r, m)) m = r;
      if (m === i) break;
      this.swap(i, m);
      i = m;
    }
  }
  sorted(): [number, SortKey][] {
    const out: [number, number][] = [];
    for (let i = 0; i < this.n; i++) out.push([this.ord[i]!, this.score[i]!]);
    return out.sort((a, b) => a[1] - b[1] || a[0] - b[0]);
  }
}

export function runShardQuery(s: ShardState, q: ShardQuery, text: TextHits | null): ShardAnswer {
  const qs = q.ranges.temporalStart ? day(q.ranges.temporalStart) : undefined;
  const qe = q.ranges.temporalEnd ? day(q.ranges.temporalEnd) : undefined;
  // selected value ids and a bit per selected facet
  const selectedBit = new Int32Array(FACET_FIELDS.length);
  const counts = new Uint32Array(s.valueName.length);
  // typed arrays indexed by value id: no object per hit or per value in the pass below
  const selected = new Uint8Array(s.valueName.length);
  const valueBit = new Int32Array(s.valueName.length);
  let selMask = 0;
  for (const [field, values] of Object.entries(q.selections) as [FacetField, string[]][]) {
    if (!values.length) continue;
    const fi = FIELD_INDEX[field];
    selectedBit[fi] = 1 << fi;
    selMask |= 1 << fi;
    for (const v of values) {
      const id = s.dict[fi]!.get(v);
      if (id !== undefined) selected[id] = 1;
    }
  }
  for (let id = 0; id < valueBit.length; id++) valueBit[id] = selectedBit[s.valueField[id]!] ?? 0;
  const isCandidate = new Uint8Array(s.slots);
  const score = q.sort === "relevance" ? (text?.score ?? null) : null;
  const relevance = score !== null;
  const top = new TopK(relevance ? q.take : 0);
  const after = q.after;
  let total = 0;
  const visit = (slot: number, hit: number) => {
    if (!s.alive[slot] || !inRanges(s, slot, q.ranges, qs, qe)) return;
    const from = s.start[slot]!,
      to = from + s.len[slot]!;
    let matched = 0;
    if (selMask)
      for (let i = from; i < to; i++) {
        const id = s.pool[i]!;
        if (selected[id]) matched |= valueBit[id]!;
      }
    const missing = selMask & ~matched;
    if (missing === 0) {
      total++;
      for (let i = from; i < to; i++) counts[s.pool[i]!]!++;
      isCandidate[slot] = 1;
      if (score) {
        const value = score(hit),
          ord = s.ordOf(slot);
        if (!after || value > (after.key as number) || (value === after.key && ord > after.ord)) top.offer(value, ord);
      }
    } else if ((missing & (missing - 1)) === 0) {
      // fails exactly one facet's selection: counts for that facet's values only
      for (let i = from; i < to; i++) {
        const id = s.pool[i]!;
        if (valueBit[id] === missing) counts[id]!++;
      }
    }
  };
  if (text) for (let h = 0; h < text.slots.length; h++) visit(text.slots[h]!, h);
  else for (let slot = 0; slot < s.slots; slot++) visit(slot, -1);

  let items: [number, SortKey][];
  if (relevance) items = top.sorted();
  else items = walkOrder(s, q, isCandidate);
  return { total, items, facets: facetParts(s, q, counts) };
}

/** The first `take` candidates after `after` in the modified, title or quality order. */
function walkOrder(s: ShardState, q: ShardQuery, isCandidate: Uint8Array): [number, SortKey][] {
  const items: [number, SortKey][] = [];
  if (q.take === 0) return items;
  const orders = s.orders();
  const order = q.sort === "title" ? orders.byTitle : q.sort === "quality" ? orders.byQuality : orders.byModified;
  const keys: ArrayLike<SortKey | undefined> = q.sort === "title" ? s.titles : q.sort === "quality" ? s.quality : s.modified;
  // ascending key (title) or descending (modified, quality); ties by ordinal ascending
  const ascending = q.sort === "title";
  let i = 0;
  if (q.after) {
    const { key, ord } = q.after;
    // first position whose item comes after (key, ord)
    const isAfter = (slot: number) => {
      const k = keys[slot]!,
        o = s.ordOf(slot);
      return ascending ? k > key || (k === key && o > ord) : k < key || (k === key && o > ord);
    };
    let lo = 0,
      hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (isAfter(order[mid]!)) hi = mid;
      else lo = mid + 1;
    }
    i = lo;
  }
  for (; i < order.length && items.length < q.take; i++) {
    const slot = order[i]!;
    if (isCandidate[slot]) items.push([s.ordOf(slot), keys[slot]!]);
  }
  return items;
}

function facetParts(s: ShardState, q: ShardQuery, counts: Uint32Array): Record<FacetField, FacetPart> {
  const out = {} as Record<FacetField, FacetPart>;
  for (const field of FACET_FIELDS) {
    const fi = FIELD_INDEX[field];
    const d = s.dict[fi]!;
    let nonzero: number[] = [];
    for (const id of d.values()) if (counts[id]! > 0) nonzero.push(id);
    let more = 0;
    if (nonzero.length > q.facetLimit) {
      // the best left out has the (facetLimit + 1)-th highest count: only values counted at least that are ordered
      const sorted = Uint32Array.from(nonzero, (id) => counts[id]!).sort();
      more = sorted[sorted.length - 1 - q.facetLimit]!;
      nonzero = nonzero.filter((id) => counts[id]! >= more);
    }
    nonzero.sort((a, b) => counts[b]! - counts[a]! || (s.valueName[a]! < s.valueName[b]! ? -1 : 1));
    const kept = nonzero.slice(0, q.facetLimit);
    const ids = new Set(kept);
    for (const v of [...(q.selections[field] ?? []), ...(q.exact?.[field] ?? [])]) {
      const id = d.get(v);
      if (id !== undefined) ids.add(id);
    }
    out[field] = { values: [...ids].map((id) => [s.valueName[id]!, counts[id]!, s.valueLabel[id]]), more };
  }
  return out;
}
