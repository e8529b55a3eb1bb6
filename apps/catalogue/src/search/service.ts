/**
 * Search as the API runs it: the isolate keeps the search index, recent full-text hits and recent responses,
 * all keyed by the catalogue version in D1 (see ./version-cache: a write through this isolate is seen at once,
 * another isolate's within a second).
 */
import type { SearchQuery, SearchResponse } from "@regie/shared/contracts/catalogue";
import type { DatasetsRepo } from "../storage/datasets-repo";
import { cachedVersion, rememberVersion } from "./version-cache";
import { search, textMatch, encodeCursor, type SearchPage, type TextMatch } from "./search";
import { SearchIndex } from "./search-index";
import { toMatchExpression } from "./text-query";

class Lru<V> {
  private readonly map = new Map<string, V>();
  constructor(private readonly max: number) {}
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v !== undefined) {
      this.map.delete(key);
      this.map.set(key, v);
    }
    return v;
  }
  set(key: string, v: V) {
    this.map.delete(key);
    this.map.set(key, v);
    if (this.map.size > this.max) this.map.delete(this.map.keys().next().value!);
  }
  clear() {
    this.map.clear();
  }
}

let current: SearchIndex | null = null;
let building: Promise<SearchIndex> | null = null;
const texts = new Lru<TextMatch>(256);
/** serialised responses */
const responses = new Lru<string>(512);

/** The catalogue version, from this isolate's short-lived memory or D1. */
export async function currentVersion(repo: DatasetsRepo): Promise<string> {
  const cached = cachedVersion();
  if (cached !== null) return cached;
  const v = await repo.version();
  rememberVersion(v);
  return v;
}

export async function searchIndex(repo: DatasetsRepo, version?: string): Promise<SearchIndex> {
  const v = version ?? (await currentVersion(repo));
  if (current && current.version === v) return current;
  if (!building) {
    building = repo
      .indexRows()
      .then(({ version: built, rows }) => {
        const index = new SearchIndex(built, rows);
        if (current?.version !== index.version) {
          texts.clear();
          responses.clear();
        }
        current = index;
        return index;
      })
      .finally(() => {
        building = null;
      });
  }
  return building;
}

export interface RunOptions {
  offset: number;
  limit: number;
  lang?: "en" | "nl";
}

/** Runs a search: the page of ordinals, total and facets. */
export async function runSearch(repo: DatasetsRepo, query: SearchQuery, opts: RunOptions, version?: string): Promise<{ page: SearchPage; version: string }> {
  const index = await searchIndex(repo, version);
  const match = toMatchExpression(query.q);
  let text: TextMatch | null = null;
  if (match) {
    const key = `${index.version}|${match}`;
    text = texts.get(key) ?? null;
    if (!text) {
      text = textMatch(index, await repo.textSearch(match));
      texts.set(key, text);
    }
  } else if (query.q && query.q.trim()) {
    // text without any searchable word matches nothing
    text = textMatch(index, []);
  }
  return { page: search(index, query, text, opts), version: index.version };
}

/** GET /v1/datasets: the response, served from the isolate's cache while the catalogue is unchanged. */
export async function searchDatasets(repo: DatasetsRepo, query: SearchQuery, opts: RunOptions): Promise<string> {
  const version = await currentVersion(repo);
  const key = `${version}|${opts.offset}|${opts.limit}|${opts.lang ?? ""}|${JSON.stringify(query)}`;
  const hit = responses.get(key);
  if (hit) return hit;
  const { page } = await runSearch(repo, query, opts, version);
  const items = await repo.summaries(page.ords);
  const response: SearchResponse = {
    total: page.total,
    items,
    facets: page.facets,
    nextCursor: page.nextOffset === null ? null : encodeCursor(page.nextOffset),
  };
  const body = JSON.stringify(response);
  responses.set(key, body);
  return body;
}

/** Any read whose answer depends only on the catalogue and `key` (e.g. a CKAN search URL), cached like searches. */
export async function cachedRead(repo: DatasetsRepo, key: string, produce: (version: string) => Promise<string>): Promise<string> {
  const version = await currentVersion(repo);
  await searchIndex(repo, version);
  const k = `${version}|read|${key}`;
  const hit = responses.get(k);
  if (hit) return hit;
  const body = await produce(version);
  responses.set(k, body);
  return body;
}
