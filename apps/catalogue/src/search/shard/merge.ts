/**
 * The coordinator's half of a scatter-gather search: shards' totals and facet counts summed, their ranked items
 * merged into one top-k, and which facet counts must still be asked for so that every count shown is exact. Pure.
 */
import { FACET_FIELDS, type FacetCount, type FacetField } from "@regie/shared/contracts/catalogue";
import { labelFor } from "../index-state";
import type { ShardAnswer, SortKey, SortKind } from "./query";

export const FACET_LIMIT = 50;

export function compareItems(sort: SortKind): (a: [number, SortKey], b: [number, SortKey]) => number {
  if (sort === "relevance") return (a, b) => (a[1] as number) - (b[1] as number) || a[0] - b[0];
  if (sort === "title") return (a, b) => (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : a[0] - b[0]);
  if (sort === "quality") return (a, b) => (b[1] as number) - (a[1] as number) || a[0] - b[0];
  return (a, b) => (a[1] < b[1] ? 1 : a[1] > b[1] ? -1 : a[0] - b[0]);
}

/** The page: every shard's items merged in order, `skip` left out, then `limit` taken. */
export function mergeItems(parts: ShardAnswer[], sort: SortKind, skip: number, limit: number): [number, SortKey][] {
  const all = parts.flatMap((p) => p.items).sort(compareItems(sort));
  return all.slice(skip, skip + limit);
}

export interface MergedFacets {
  facets: Record<FacetField, FacetCount[]>;
  /** per shard (index in `parts`), the values whose counts it must still report: empty when all are exact */
  refine: Map<number, Partial<Record<FacetField, string[]>>>;
}

/**
 * Sums facet counts as ../search.ts shows them: count desc then value, the first FACET_LIMIT plus every selected
 * value (with count 0 and its own text as label when no dataset has it). A shard that left values out (`more` > 0)
 * and did not report a shown value is listed in `refine` for it.
 */
export function mergeFacets(parts: ShardAnswer[], selections: Partial<Record<FacetField, string[]>>, lang: "en" | "nl"): MergedFacets {
  const facets = {} as Record<FacetField, FacetCount[]>;
  const refine = new Map<number, Partial<Record<FacetField, string[]>>>();
  for (const field of FACET_FIELDS) {
    // which shards reported a value: a bit per shard (a Set only past 30 shards)
    const sum = new Map<string, { count: number; label: string | undefined; seen: number; more?: Set<number> }>();
    parts.forEach((p, si) => {
      for (const [value, count, label] of p.facets[field].values) {
        const e = sum.get(value);
        if (e) {
          e.count += count;
          if (si < 30) e.seen |= 1 << si;
          else (e.more ??= new Set()).add(si);
          e.label ??= label;
        } else sum.set(value, si < 30 ? { count, label, seen: 1 << si } : { count, label, seen: 0, more: new Set([si]) });
      }
    });
    const reported = (value: string, si: number) => {
      const e = sum.get(value);
      return !!e && (si < 30 ? (e.seen & (1 << si)) !== 0 : !!e.more?.has(si));
    };
    const chosen = new Set(selections[field] ?? []);
    const list: { value: string; count: number; label: string | undefined }[] = [];
    for (const [value, e] of sum) if (e.count > 0 || chosen.has(value)) list.push({ value, count: e.count, label: e.label });
    for (const value of chosen) if (!sum.has(value)) list.push({ value, count: 0, label: value });
    list.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    const shown = list.filter((c, i) => i < FACET_LIMIT || chosen.has(c.value));
    // labels only for the values shown (a selected value no dataset has keeps its own text)
    facets[field] = shown.map(({ value, label, count }) => ({ value, label: sum.has(value) ? labelFor(field, value, label)[lang] : value, count }));
    parts.forEach((p, si) => {
      if (!p.facets[field].more) return;
      const missing = shown.filter((c) => !reported(c.value, si)).map((c) => c.value);
      if (!missing.length) return;
      const r = refine.get(si) ?? {};
      r[field] = missing;
      refine.set(si, r);
    });
  }
  return { facets, refine };
}

/** Puts refined answers (same query, `exact` values) in place of the first ones, for a second merge. */
export function withRefined(parts: ShardAnswer[], refined: Map<number, ShardAnswer>): ShardAnswer[] {
  return parts.map((p, i) => {
    const r = refined.get(i);
    if (!r) return p;
    const facets = { ...p.facets };
    for (const field of FACET_FIELDS) {
      const have = new Set(p.facets[field].values.map((v) => v[0]));
      facets[field] = { values: [...p.facets[field].values, ...r.facets[field].values.filter((v) => !have.has(v[0]))], more: 0 };
    }
    return { ...p, facets };
  });
}
