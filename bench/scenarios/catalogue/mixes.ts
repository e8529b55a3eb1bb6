// The cached mixes of the catalogue scenario: query words and facet values taken from the catalogue itself, ~60
// queries each, rotated (so they mostly measure the catalogue's per-version response cache).
import { URLSearchParams } from "node:url";
import { expectOk, type LoadRequest } from "../../lib/load";

/** The parts of a search answer (GET /v1/datasets) the scenario reads. */
export interface SearchItem {
  id: string;
  title?: Record<string, string>;
  keyword?: string[];
  theme?: string[];
  healthCategory?: string[];
}
export interface SearchPage {
  total: number;
  items?: SearchItem[];
  facets?: Record<string, { value: string }[]>;
}

export async function total(base: string): Promise<number> {
  const out = await expectOk<SearchPage>(`${base}/v1/datasets?limit=1`);
  return out.total;
}

/** Query words and facet values taken from the catalogue itself, so the queries hit real data. */
export async function vocabulary(base: string) {
  const out = await expectOk<SearchPage>(`${base}/v1/datasets?limit=50`);
  const facet = (name: string) => (out.facets?.[name] ?? []).map((f) => f.value);
  const counts = new Map<string, number>();
  for (const item of out.items ?? []) {
    for (const text of [...Object.values(item.title ?? {}), ...(item.keyword ?? [])]) {
      for (const w of String(text)
        .toLowerCase()
        .split(/[^\p{L}\p{N}]+/u))
        if (w.length >= 5) counts.set(w, (counts.get(w) ?? 0) + 1);
    }
  }
  const ranked = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return {
    words: ranked.slice(0, 30).length ? ranked.slice(0, 30) : ["diabetes"],
    themes: facet("theme").slice(0, 5),
    healthCategories: facet("healthCategory").slice(0, 8),
    accessRights: facet("accessRights").slice(0, 3),
    publishers: facet("publisher").slice(0, 5),
  };
}

export function rotating(paths: readonly string[]): LoadRequest[] {
  let i = 0;
  return [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
}

export function queries(v: Awaited<ReturnType<typeof vocabulary>>) {
  const pick = (list: readonly string[], i: number) => list[i % Math.max(1, list.length)]!;
  const fullText: string[] = [];
  const facetsOnly: string[] = [];
  const ckan: string[] = [];
  for (let i = 0; i < 60; i++) {
    const w = pick(v.words, i);
    const p = new URLSearchParams({ q: w, limit: "20" });
    if (v.themes.length) p.append("theme", pick(v.themes, i));
    if (v.healthCategories.length) p.append("healthCategory", pick(v.healthCategories, i * 7));
    fullText.push(`/v1/datasets?${p}`);
    const f = new URLSearchParams({ limit: "20" });
    if (v.healthCategories.length) f.append("healthCategory", pick(v.healthCategories, i));
    if (v.accessRights.length) f.append("accessRights", pick(v.accessRights, i));
    facetsOnly.push(`/v1/datasets?${f}`);
    ckan.push(`/api/3/action/package_search?${new URLSearchParams({ q: w, rows: "20", "facet.field": '["tags","organization"]' })}`);
  }
  return { fullText, facetsOnly, ckan };
}
