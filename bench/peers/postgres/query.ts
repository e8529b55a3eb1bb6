// One search as a single SQL statement with Regie's semantics: words ANDed as prefix queries on Regie's stems
// (`oncolog:* & kanker:*`), several values of one facet OR, facets AND, each facet's counts over the hits with every
// selection but its own (multi-select), the top 50 values per facet by count then value, hits by rank (ts_rank with
// title > keywords > description, ties by ordinal) or, without text, newest modified first. Pure (builds the SQL).
import { FACET_FIELDS, type FacetField, type SearchQuery } from "@regie/shared/contracts/catalogue";
import { selections } from "@regie/catalogue/search/search";
import { stem, words } from "@regie/catalogue/search/text-query";

const COLUMNS: Record<FacetField, { column: string; many: boolean }> = {
  theme: { column: "theme", many: true },
  healthCategory: { column: "health_category", many: true },
  publisher: { column: "publisher", many: false },
  accessRights: { column: "access_rights", many: false },
  keyword: { column: "keyword", many: true },
  format: { column: "format", many: true },
  language: { column: "language", many: true },
};
const FACET_LIMIT = 50;

/** The tsquery of the text (Regie's words and stems, at most 8, ANDed prefixes), or null without words. */
export function tsQuery(text: string | undefined): string | null {
  const stems = [...new Set(words(text ?? "").map(stem))].slice(0, 8);
  return stems.length ? stems.map((s) => `${s}:*`).join(" & ") : null;
}

export function searchSql(query: SearchQuery, limit: number): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const bind = (v: unknown) => `$${values.push(v)}`;
  const ts = tsQuery(query.q);
  const sel = selections(query);
  const condition = (f: FacetField) => {
    const { column, many } = COLUMNS[f];
    return many ? `${column} && ${bind(sel[f])}::text[]` : `${column} = ANY(${bind(sel[f])}::text[])`;
  };
  const chosen = FACET_FIELDS.filter((f) => sel[f]?.length);
  const conditions = Object.fromEntries(chosen.map((f) => [f, condition(f)])) as Partial<Record<FacetField, string>>;
  const where = (skip: FacetField | null) => {
    const c = chosen.filter((f) => f !== skip).map((f) => conditions[f]!);
    return c.length ? `WHERE ${c.join(" AND ")}` : "";
  };
  const hits = ts
    ? `SELECT ord, modified, publisher, access_rights, theme, health_category, keyword, format, language, ts_rank('{0.1, 0, 0.4, 1.0}', tsv, q) AS rank
       FROM datasets, to_tsquery('simple', ${bind(ts)}) AS q WHERE tsv @@ q`
    : `SELECT ord, modified, publisher, access_rights, theme, health_category, keyword, format, language, 0::real AS rank FROM datasets`;
  const order = ts && (query.sort ?? "relevance") === "relevance" ? "rank DESC, ord" : query.sort === "title" ? "ord" : "modified DESC, ord";
  const facet = (f: FacetField) => {
    const { column, many } = COLUMNS[f];
    const from = many ? `hits, unnest(${column}) AS v` : `(SELECT ${column} AS v, * FROM hits) AS h`;
    return `(SELECT coalesce(json_agg(json_build_array(v, n)), '[]') FROM (SELECT v, count(*) AS n FROM ${from} ${where(f)} GROUP BY v ORDER BY n DESC, v LIMIT ${FACET_LIMIT}) AS x) AS "${f}"`;
  };
  const text = `WITH hits AS MATERIALIZED (${hits})
    SELECT (SELECT count(*) FROM hits ${where(null)}) AS total,
      (SELECT coalesce(json_agg(ord), '[]') FROM (SELECT ord FROM hits ${where(null)} ORDER BY ${order} LIMIT ${bind(limit)}) AS x) AS items,
      ${FACET_FIELDS.map(facet).join(",\n      ")}`;
  return { text, values };
}
