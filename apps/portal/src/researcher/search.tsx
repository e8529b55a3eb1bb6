import type { Context } from "hono";
import {
  ACCESS_RIGHTS,
  FACET_FIELDS,
  FACET_VOCABULARIES,
  labelOf,
  QUALITY_MAX,
  SearchQuery,
  type FacetCount,
  type FacetField,
  type SearchResponse,
} from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { excerpt, highlight, pickLang, queryTerms } from "../present/text";
import { catalogue, readService } from "../services/clients";
import { PageError } from "../views/errors";
import { TitledPage } from "../views/layout";

const PAGE_SIZE = 10;
/** Facets shown in this order; keyword last because it is long. */
const SHOWN_FACETS: FacetField[] = ["healthCategory", "theme", "publisher", "accessRights", "format", "language", "keyword"];
const MAX_FACET_VALUES = 12;

/** The search page's URL parameters -> the catalogue's SearchQuery (validated with the shared schema). */
export function searchQueryFromUrl(url: URL): { query: SearchQuery; page: number } | undefined {
  const raw: Record<string, unknown> = {};
  const q = url.searchParams.get("q")?.trim();
  if (q) raw.q = q;
  for (const f of FACET_FIELDS) {
    const values = url.searchParams.getAll(f).filter(Boolean);
    if (values.length) raw[f] = values;
  }
  const sort = url.searchParams.get("sort");
  if (sort) raw.sort = sort;
  const cursor = url.searchParams.get("cursor");
  if (cursor) raw.cursor = cursor;
  raw.limit = PAGE_SIZE;
  const parsed = SearchQuery.safeParse(raw);
  if (!parsed.success) return undefined;
  const page = Math.max(1, Math.min(10_000, Number.parseInt(url.searchParams.get("page") ?? "1", 10) || 1));
  return { query: parsed.data, page };
}

function facetLabel(c: Context<AppEnv>, field: FacetField, fc: FacetCount): string {
  const vocab = FACET_VOCABULARIES[field];
  return vocab ? labelOf(vocab, fc.value, c.get("lang")) : fc.label || fc.value;
}

function Highlighted({ text, terms }: { text: string; terms: string[] }) {
  return <>{highlight(text, terms).map((s) => (s.mark ? <mark>{s.text}</mark> : s.text))}</>;
}

function nextPageHref(url: URL, cursor: string, page: number): string {
  const next = new URL(url);
  next.searchParams.set("cursor", cursor);
  next.searchParams.set("page", String(page + 1));
  return next.pathname + next.search;
}

function firstPageHref(url: URL): string {
  const first = new URL(url);
  first.searchParams.delete("cursor");
  first.searchParams.delete("page");
  return first.pathname + first.search;
}

export async function searchPage(c: Context<AppEnv>) {
  const t = c.get("t");
  const s = t.search;
  const lang = c.get("lang");
  const url = new URL(c.req.url);
  const parsed = searchQueryFromUrl(url);
  if (!parsed) throw new PageError(400, "badRequest");
  const { query, page } = parsed;
  const result: SearchResponse = await readService(c, () => catalogue(c).search(query));
  const terms = queryTerms(query.q);
  const selected = (f: FacetField) => new Set((query[f] as string[] | undefined) ?? []);
  return c.html(
    <TitledPage c={c} title={s.title} intro={s.intro}>
      <form method="get" action="/onderzoek" class="search-form" role="search" id="search-form">
        <div class="search-row">
          <label for="f-q">{s.queryLabel}</label>
          <input id="f-q" name="q" type="search" value={query.q ?? ""} />
          <label for="f-sort">{s.sortLabel}</label>
          <select id="f-sort" name="sort">
            <option value="">{s.sortDefault}</option>
            {(["relevance", "modified", "title", "quality"] as const).map((v) => (
              <option value={v} selected={query.sort === v}>
                {s.sorts[v]}
              </option>
            ))}
          </select>
          <button type="submit" class="button">
            {s.submit}
          </button>
        </div>
        <div class="search-layout">
          <aside class="facets" aria-labelledby="facets-title">
            <h2 id="facets-title">{s.facetsTitle}</h2>
            {SHOWN_FACETS.filter((f) => (result.facets[f]?.length ?? 0) > 0).map((f) => {
              const sel = selected(f);
              const values = (result.facets[f] ?? [])
                .slice()
                .sort((a, b) => Number(sel.has(b.value)) - Number(sel.has(a.value)) || b.count - a.count)
                .slice(0, MAX_FACET_VALUES);
              return (
                <fieldset class="facet">
                  <legend>{s.facets[f]}</legend>
                  {values.map((fc, i) => (
                    <div class="checkbox">
                      <input type="checkbox" id={`facet-${f}-${i}`} name={f} value={fc.value} checked={sel.has(fc.value)} data-autosubmit="" />
                      <label for={`facet-${f}-${i}`}>
                        {facetLabel(c, f, fc)} <span class="count">({s.count(fc.count)})</span>
                      </label>
                    </div>
                  ))}
                </fieldset>
              );
            })}
            <button type="submit" class="button button-secondary js-hide">
              {s.applyFilters}
            </button>
            {SHOWN_FACETS.some((f) => selected(f).size > 0) && (
              <p>
                <a href={query.q ? `/onderzoek?q=${encodeURIComponent(query.q)}` : "/onderzoek"}>{s.clearFilters}</a>
              </p>
            )}
          </aside>
          <section class="results" aria-labelledby="results-title">
            <h2 id="results-title" aria-live="polite">
              {s.resultCount(result.total)}
            </h2>
            {result.items.length === 0 ? (
              <p class="empty">{s.noResults}</p>
            ) : (
              <ol class="result-list">
                {result.items.map((d) => {
                  const title = pickLang(d.title, lang);
                  return (
                    <li class="result">
                      <h3>
                        <a href={`/onderzoek/datasets/${encodeURIComponent(d.id)}`}>
                          <Highlighted text={title} terms={terms} />
                        </a>
                      </h3>
                      <p class="meta">
                        {d.publisher.name} · {labelOf(ACCESS_RIGHTS, d.accessRights, lang)} · {s.modified(t.date(d.modified))}
                        {d.quality !== undefined && <span class="quality-hit"> · {t.quality.score(d.quality, QUALITY_MAX)}</span>}
                      </p>
                      <p>
                        <Highlighted text={excerpt(pickLang(d.description, lang), terms)} terms={terms} />
                      </p>
                      {d.keyword.length > 0 && (
                        <p class="keywords">
                          {s.keywords}: <Highlighted text={d.keyword.slice(0, 8).join(", ")} terms={terms} />
                        </p>
                      )}
                    </li>
                  );
                })}
              </ol>
            )}
            <nav aria-label={s.pagination} class="pagination">
              <p>{s.pageOf(page)}</p>
              <ul>
                {page > 1 && (
                  <li>
                    <a href={firstPageHref(url)}>{s.firstPage}</a>
                  </li>
                )}
                {result.nextCursor && (
                  <li>
                    <a href={nextPageHref(url, result.nextCursor, page)} rel="next">
                      {s.nextPage}
                    </a>
                  </li>
                )}
              </ul>
            </nav>
          </section>
        </div>
      </form>
    </TitledPage>,
  );
}
