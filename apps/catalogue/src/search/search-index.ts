/**
 * The search index an isolate holds in memory: per facet value a bitset over dataset ordinals, range columns as
 * typed arrays and the datasets pre-sorted by modified and by title. Built from D1 rows, rebuilt when the
 * catalogue version in D1 moves. Pure.
 */
import { ACCESS_RIGHTS, DATA_THEMES, FILE_TYPES, HEALTH_CATEGORIES, LANGUAGES, labelOf, type FacetField, type Vocabulary } from "@regie/shared/contracts/catalogue";
import * as bits from "./bitset";
import type { Bitset } from "./bitset";

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
}

export interface FacetIndex {
  values: Map<string, Bitset>;
  labels: Map<string, { en: string; nl: string }>;
}

const VOCAB: Partial<Record<FacetField, Vocabulary>> = {
  theme: DATA_THEMES,
  healthCategory: HEALTH_CATEGORIES,
  accessRights: ACCESS_RIGHTS,
  format: FILE_TYPES,
  language: LANGUAGES,
};

const NONE = -1;
const day = (d: string | null) => (d ? Math.floor(Date.parse(d.slice(0, 10)) / 86_400_000) : NONE);

export class SearchIndex {
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
  readonly count: number;

  constructor(
    readonly version: string,
    rows: IndexRow[],
  ) {
    const size = rows.reduce((m, r) => Math.max(m, r.ord + 1), 1);
    this.size = size;
    this.count = rows.length;
    this.alive = bits.empty(size);
    this.minAge = new Int16Array(size).fill(NONE);
    this.maxAge = new Int16Array(size).fill(NONE);
    this.individuals = new Float64Array(size).fill(NONE);
    this.temporalStart = new Int32Array(size).fill(NONE);
    this.temporalEnd = new Int32Array(size).fill(NONE);
    const facets = {} as Record<FacetField, FacetIndex>;
    for (const f of ["theme", "healthCategory", "publisher", "accessRights", "keyword", "format", "language"] as FacetField[]) {
      facets[f] = { values: new Map(), labels: new Map() };
    }
    const add = (field: FacetField, value: string, ord: number, label?: string) => {
      const fi = facets[field];
      let b = fi.values.get(value);
      if (!b) {
        fi.values.set(value, (b = bits.empty(size)));
        const vocab = VOCAB[field];
        fi.labels.set(value, vocab ? { en: labelOf(vocab, value, "en"), nl: labelOf(vocab, value, "nl") } : { en: label ?? value, nl: label ?? value });
      }
      bits.set(b, ord);
    };
    for (const r of rows) {
      bits.set(this.alive, r.ord);
      const f = JSON.parse(r.facets) as { theme: string[]; healthCategory: string[]; keyword: string[]; format: string[]; language: string[]; publisherName: string };
      for (const v of f.theme) add("theme", v, r.ord);
      for (const v of f.healthCategory) add("healthCategory", v, r.ord);
      for (const v of f.keyword) add("keyword", v, r.ord);
      for (const v of f.format) add("format", v, r.ord);
      for (const v of f.language) add("language", v, r.ord);
      add("publisher", r.publisher_id, r.ord, f.publisherName);
      add("accessRights", r.access_rights, r.ord);
      if (r.min_age !== null) this.minAge[r.ord] = r.min_age;
      if (r.max_age !== null) this.maxAge[r.ord] = r.max_age;
      if (r.individuals !== null) this.individuals[r.ord] = r.individuals;
      this.temporalStart[r.ord] = day(r.temporal_start);
      this.temporalEnd[r.ord] = day(r.temporal_end);
    }
    this.facets = facets;
    const byModified = rows.map((r) => r.ord);
    const mod = new Map(rows.map((r) => [r.ord, r.modified]));
    byModified.sort((a, b) => (mod.get(a)! < mod.get(b)! ? 1 : mod.get(a)! > mod.get(b)! ? -1 : a - b));
    this.byModified = Int32Array.from(byModified);
    const title = new Map(rows.map((r) => [r.ord, r.title_sort]));
    const byTitle = rows.map((r) => r.ord);
    byTitle.sort((a, b) => (title.get(a)! < title.get(b)! ? -1 : title.get(a)! > title.get(b)! ? 1 : a - b));
    this.byTitle = Int32Array.from(byTitle);
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
        const lo = this.minAge[ord]!, hi = this.maxAge[ord]!;
        if (lo === NONE && hi === NONE) ok = false;
        else {
          if (q.maxAge !== undefined && lo !== NONE && lo > q.maxAge) ok = false;
          if (q.minAge !== undefined && hi !== NONE && hi < q.minAge) ok = false;
        }
      }
      if (ok && (qs !== undefined || qe !== undefined)) {
        const s = this.temporalStart[ord]!, e = this.temporalEnd[ord]!;
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
