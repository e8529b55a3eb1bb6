/**
 * Faceted search over the in-isolate index. Several values of one facet OR, facets AND; a facet's counts ignore
 * its own selection (multi-select), so they stay meaningful when a value is selected. No SQL here, so any number
 * of selected values works. Pure.
 */
import { fromBase64urlText, toBase64url } from "@regie/shared/util/encoding";
import { FACET_FIELDS, type FacetCount, type FacetField, type SearchQuery } from "@regie/shared/contracts/catalogue";
import * as bits from "./bitset";
import type { Bitset } from "./bitset";
import type { SearchIndex } from "./search-index";

/** Full-text hits from FTS5, best first (bm25 with column weights, ties by ordinal). */
export interface TextMatch {
  ranked: Int32Array;
  set: Bitset;
}

export function textMatch(index: SearchIndex, rankedOrds: number[]): TextMatch {
  const set = bits.empty(index.size);
  for (const o of rankedOrds) if (o < index.size) bits.set(set, o);
  return { ranked: Int32Array.from(rankedOrds), set };
}

export interface SearchPage {
  total: number;
  ords: number[];
  facets: Record<FacetField, FacetCount[]>;
  nextOffset: number | null;
}

const UPPER: FacetField[] = ["theme", "healthCategory", "accessRights", "format", "language"];
const FACET_LIMIT = 50;

export function normaliseValue(field: FacetField, v: string): string {
  const t = v.trim();
  if (UPPER.includes(field)) return t.toUpperCase();
  if (field === "keyword") return t.toLowerCase().replace(/\s+/g, " ");
  return t;
}

export function selections(query: SearchQuery): Partial<Record<FacetField, string[]>> {
  const out: Partial<Record<FacetField, string[]>> = {};
  for (const f of FACET_FIELDS) {
    const values = query[f];
    if (values?.length) out[f] = [...new Set(values.map((v) => normaliseValue(f, v)).filter(Boolean))];
  }
  return out;
}

/** Per selected facet, the datasets having any of its selected values. */
function selectedSets(index: SearchIndex, sel: Partial<Record<FacetField, string[]>>): Partial<Record<FacetField, Bitset>> {
  const selected: Partial<Record<FacetField, Bitset>> = {};
  for (const [field, values] of Object.entries(sel) as [FacetField, string[]][]) {
    const union = bits.empty(index.size);
    for (const v of values) {
      const b = index.facets[field].values.get(v);
      if (b) bits.orInto(union, b);
    }
    selected[field] = union;
  }
  return selected;
}

/** The datasets matching everything in the query except its text: `search`'s candidates are these ∧ the text hits. */
export function filterOf(index: SearchIndex, query: SearchQuery): Bitset {
  let b = index.ranges(query);
  for (const s of Object.values(selectedSets(index, selections(query)))) b = bits.and(b, s);
  return b;
}

export function search(
  index: SearchIndex,
  query: SearchQuery,
  text: TextMatch | null,
  page: { offset: number; limit: number; lang?: "en" | "nl" },
): SearchPage {
  let base = index.ranges(query);
  if (text) base = bits.and(base, text.set);
  const sel = selections(query);
  const selected = selectedSets(index, sel);
  const restrictExcept = (skip: FacetField | null): Bitset => {
    let b = base;
    for (const [field, s] of Object.entries(selected) as [FacetField, Bitset][]) if (field !== skip) b = bits.and(b, s);
    return b;
  };
  const candidates = restrictExcept(null);
  const total = bits.count(candidates);
  const lang = page.lang ?? "en";

  const facets = {} as Record<FacetField, FacetCount[]>;
  for (const field of FACET_FIELDS) {
    const scope = selected[field] ? restrictExcept(field) : candidates;
    const fi = index.facets[field];
    const chosen = new Set(sel[field] ?? []);
    const counts: FacetCount[] = [];
    for (const [value, b] of fi.values) {
      const count = bits.andCount(scope, b);
      if (count > 0 || chosen.has(value)) counts.push({ value, label: fi.labels.get(value)?.[lang] ?? value, count });
    }
    for (const value of chosen) if (!fi.values.has(value)) counts.push({ value, label: value, count: 0 });
    counts.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    facets[field] = counts.filter((c, i) => i < FACET_LIMIT || chosen.has(c.value));
  }

  const byText = text && (query.sort ?? "relevance") === "relevance";
  const order = byText ? text.ranked : query.sort === "title" ? index.byTitle : query.sort === "quality" ? index.byQuality : index.byModified;
  const ords: number[] = [];
  let skipped = 0;
  if (page.offset < total) {
    for (let i = 0; i < order.length && ords.length < page.limit; i++) {
      const o = order[i]!;
      if (!bits.has(candidates, o)) continue;
      if (skipped < page.offset) skipped++;
      else ords.push(o);
    }
  }
  const next = page.offset + page.limit;
  return { total, ords, facets, nextOffset: next < total ? next : null };
}

export function encodeCursor(offset: number): string {
  return toBase64url(JSON.stringify({ o: offset }));
}

/** The offset in an opaque cursor, or null when it is not one of ours. */
export function decodeCursor(cursor: string): number | null {
  try {
    const json = JSON.parse(fromBase64urlText(cursor)) as { o?: unknown };
    return typeof json.o === "number" && Number.isInteger(json.o) && json.o >= 0 && json.o <= 10_000_000 ? json.o : null;
  } catch {
    return null;
  }
}
