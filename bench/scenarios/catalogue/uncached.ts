// The uncached mix of the catalogue scenario.
//
// The catalogue answers GET /v1/datasets from two per-isolate caches (apps/catalogue/src/search/service.ts):
// responses keyed by `version|offset|limit|lang|JSON(query)`, and full-text hits keyed by
// `version|<FTS5 MATCH expression>`. A request misses both only if its MATCH expression is new, so every
// uncached query below has a set of word stems no other request of the run has used: the stems and the MATCH
// expression are the catalogue's own (apps/catalogue/src/search/text-query.ts).
import { URLSearchParams } from "node:url";
import { mulberry32 } from "@regie/shared/util/prng";
import { stem, toMatchExpression, words } from "@regie/catalogue/search/text-query";
import { expectOk, QUICK, type LoadRequest } from "../../lib/load";
import type { SearchItem, SearchPage } from "./mixes";

/** Pages of 100 datasets read to build the uncached queries from. */
const SAMPLE_PAGES = QUICK ? 6 : 20;

/** A sample of datasets spread over the whole catalogue (pages of 100 at evenly spaced offsets). */
export async function sampleDatasets(base: string, datasets: number): Promise<SearchItem[]> {
  const cursor = (o: number) => Buffer.from(JSON.stringify({ o })).toString("base64url");
  const out: SearchItem[] = [];
  for (let p = 0; p < SAMPLE_PAGES; p++) {
    const offset = Math.floor((p * Math.max(0, datasets - 100)) / Math.max(1, SAMPLE_PAGES - 1));
    const page = await expectOk<SearchPage>(`${base}/v1/datasets?limit=100&sort=title${offset ? `&cursor=${cursor(offset)}` : ""}`);
    out.push(...(page.items ?? []));
  }
  return out;
}

/**
 * Queries of 2 words (then, once those run out, 3) from one dataset's titles and keywords, with that dataset's
 * theme and one of its health categories as facets, so each has at least one hit and runs FTS + facets like the
 * full-text mix. Distinct MATCH expressions only (and none of one word, which the cached full-text mix uses),
 * interleaved over the datasets. `used` holds the expressions issued so far in this catalogue version.
 */
export function uncachedQueries(items: SearchItem[], used: Set<string | null>) {
  const random = mulberry32(7);
  const shuffle = <T>(xs: T[]): T[] => {
    for (let i = xs.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [xs[i], xs[j]] = [xs[j]!, xs[i]!];
    }
    return xs;
  };
  const perItem: { item: SearchItem; combos: string[][] }[] = [];
  for (const item of items) {
    if ((item.keyword ?? []).includes("benchmark")) continue; // write-then-search's own probes
    const byStem = new Map<string, string>();
    for (const text of [...Object.values(item.title ?? {}), ...(item.keyword ?? [])]) {
      for (const w of words(text)) if ((w.length >= 4 || /^\d{4}$/.test(w)) && !byStem.has(stem(w))) byStem.set(stem(w), w);
    }
    const ws = [...byStem.values()].slice(0, 8);
    const pairs: string[][] = [];
    const triples: string[][] = [];
    for (let a = 0; a < ws.length; a++) {
      for (let b = a + 1; b < ws.length; b++) {
        pairs.push([ws[a]!, ws[b]!]);
        for (let c = b + 1; c < ws.length; c++) triples.push([ws[a]!, ws[b]!, ws[c]!]);
      }
    }
    perItem.push({ item, combos: [...shuffle(pairs), ...shuffle(triples)] });
  }
  const paths: { path: string; words: number }[] = [];
  for (let round = 0; perItem.some((x) => round < x.combos.length); round++) {
    for (const { item, combos } of perItem) {
      const combo = combos[round];
      if (!combo) continue;
      const q = combo.join(" ");
      const expr = toMatchExpression(q);
      if (!expr || used.has(expr)) continue;
      used.add(expr);
      const p = new URLSearchParams({ q, limit: "20" });
      if (item.theme?.length) p.append("theme", item.theme[(round + 1) % item.theme.length]!);
      if (item.healthCategory?.length) p.append("healthCategory", item.healthCategory[round % item.healthCategory.length]!);
      paths.push({ path: `/v1/datasets?${p}`, words: combo.length });
    }
  }
  // all pairs of all datasets first (broader queries), then triples
  const pairs = paths.filter((x) => x.words === 2).map((x) => x.path);
  return { paths: [...pairs, ...paths.filter((x) => x.words === 3).map((x) => x.path)], pairs: pairs.length };
}

/** Hands out each path once; past the end it wraps around and counts the repeats (reported, never hidden). */
export function once(paths: readonly string[]) {
  const state = { issued: 0 };
  const requests: LoadRequest[] = [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[state.issued++ % paths.length] }) }];
  return { requests, state };
}
