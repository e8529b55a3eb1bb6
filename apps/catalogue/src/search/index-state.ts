/** The search index's data: the rows it is built from, its columns, facet bitsets and sort orders, and how a
 * fresh one is built (used by ./search-index.ts, which answers queries over it and applies changes). */
import { FACET_FIELDS, FACET_VOCABULARIES, labelOf, type FacetField } from "@regie/shared/contracts/catalogue";
import * as bits from "./bitset";
import type { Bitset } from "./bitset";
import type { DatasetFacets } from "../datasets/record";

export interface IndexRow {
  ord: number;
  publisher_id: string;
  access_rights: string;
  facets: string;
  modified: string;
  title_sort: string;
  min_age: number | null;
  max_age: number | null;
  temporal_start: string | null;
  temporal_end: string | null;
  individuals: number | null;
  /** MQA score (src/quality); null until a row written before migration 0050 is scored */
  quality?: number | null;
}

export interface FacetIndex {
  values: Map<string, Bitset>;
  labels: Map<string, { en: string; nl: string }>;
}

export const FIELDS: readonly FacetField[] = FACET_FIELDS;

export const NONE = -1;
export const day = (d: string | null) => (d ? Math.floor(Date.parse(d.slice(0, 10)) / 86_400_000) : NONE);

/** Room for ordinals up to `needed` and some more, so that new datasets (the next ordinals) rarely force a copy. */
export const capacity = (needed: number) => Math.ceil((needed + 256 + (needed >> 4)) / 32) * 32;

/** The facet values of one row, as (field, value, label) triples. */
export function facetValues(r: IndexRow): [FacetField, string, string | undefined][] {
  const f = JSON.parse(r.facets) as DatasetFacets;
  const out: [FacetField, string, string | undefined][] = [];
  for (const v of f.theme) out.push(["theme", v, undefined]);
  for (const v of f.healthCategory) out.push(["healthCategory", v, undefined]);
  for (const v of f.keyword) out.push(["keyword", v, undefined]);
  for (const v of f.format) out.push(["format", v, undefined]);
  for (const v of f.language) out.push(["language", v, undefined]);
  out.push(["publisher", r.publisher_id, f.publisherName]);
  out.push(["accessRights", r.access_rights, undefined]);
  return out;
}

export function labelFor(field: FacetField, value: string, label: string | undefined) {
  const vocab = FACET_VOCABULARIES[field];
  return vocab ? { en: labelOf(vocab, value, "en"), nl: labelOf(vocab, value, "nl") } : { en: label ?? value, nl: label ?? value };
}

export interface IndexState {
  size: number;
  alive: Bitset;
  facets: Record<FacetField, FacetIndex>;
  minAge: Int16Array;
  maxAge: Int16Array;
  individuals: Float64Array;
  temporalStart: Int32Array;
  temporalEnd: Int32Array;
  modified: (string | undefined)[];
  titles: (string | undefined)[];
  /** MQA score per ordinal (NONE: not a live row) */
  quality: Int16Array;
  byModified: Int32Array;
  byTitle: Int32Array;
  byQuality: Int32Array;
}

/** Writes a row's range columns and sort keys at its ordinal. */
export function setColumns(s: IndexState, r: IndexRow) {
  s.minAge[r.ord] = r.min_age ?? NONE;
  s.maxAge[r.ord] = r.max_age ?? NONE;
  s.individuals[r.ord] = r.individuals ?? NONE;
  s.temporalStart[r.ord] = day(r.temporal_start);
  s.temporalEnd[r.ord] = day(r.temporal_end);
  s.modified[r.ord] = r.modified;
  s.titles[r.ord] = r.title_sort;
  s.quality[r.ord] = r.quality ?? 0;
}

export const byModifiedOrder = (modified: (string | undefined)[]) => (a: number, b: number) => {
  const ma = modified[a]!,
    mb = modified[b]!;
  return ma < mb ? 1 : ma > mb ? -1 : a - b;
};
export const byTitleOrder = (titles: (string | undefined)[]) => (a: number, b: number) => {
  const ta = titles[a]!,
    tb = titles[b]!;
  return ta < tb ? -1 : ta > tb ? 1 : a - b;
};

/** Best score first (ties: lower ordinal first). */
export const byQualityOrder = (quality: Int16Array) => (a: number, b: number) => quality[b]! - quality[a]! || a - b;

/** `kept` (already in order, without the changed ordinals) with the sorted `added` put in their places. */
export function merge(kept: Int32Array, added: number[], cmp: (a: number, b: number) => number): Int32Array {
  const out = new Int32Array(kept.length + added.length);
  let from = 0,
    k = 0;
  for (const a of added) {
    // binary search: the first kept ordinal that sorts after `a` (no two ordinals compare equal)
    let lo = from,
      hi = kept.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (cmp(kept[mid]!, a) < 0) lo = mid + 1;
      else hi = mid;
    }
    out.set(kept.subarray(from, lo), k);
    k += lo - from;
    out[k++] = a;
    from = lo;
  }
  out.set(kept.subarray(from), k);
  return out;
}

export function build(rows: IndexRow[]): IndexState {
  const size = capacity(rows.reduce((m, r) => Math.max(m, r.ord + 1), 1));
  const facets = {} as Record<FacetField, FacetIndex>;
  for (const f of FIELDS) facets[f] = { values: new Map(), labels: new Map() };
  const s: IndexState = {
    size,
    alive: bits.empty(size),
    facets,
    minAge: new Int16Array(size).fill(NONE),
    maxAge: new Int16Array(size).fill(NONE),
    individuals: new Float64Array(size).fill(NONE),
    temporalStart: new Int32Array(size).fill(NONE),
    temporalEnd: new Int32Array(size).fill(NONE),
    modified: new Array<string | undefined>(size),
    titles: new Array<string | undefined>(size),
    quality: new Int16Array(size).fill(NONE),
    byModified: new Int32Array(0),
    byTitle: new Int32Array(0),
    byQuality: new Int32Array(0),
  };
  for (const r of rows) {
    bits.set(s.alive, r.ord);
    for (const [field, value, label] of facetValues(r)) {
      const fi = facets[field];
      let b = fi.values.get(value);
      if (!b) {
        fi.values.set(value, (b = bits.empty(size)));
        fi.labels.set(value, labelFor(field, value, label));
      }
      bits.set(b, r.ord);
    }
    setColumns(s, r);
  }
  s.byModified = Int32Array.from(rows.map((r) => r.ord).sort(byModifiedOrder(s.modified)));
  s.byTitle = Int32Array.from(rows.map((r) => r.ord).sort(byTitleOrder(s.titles)));
  s.byQuality = Int32Array.from(rows.map((r) => r.ord).sort(byQualityOrder(s.quality)));
  return s;
}
