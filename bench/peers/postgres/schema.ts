// The peer's table: one row per dataset with the seven facets as columns (text[] for the many-valued ones, GIN
// indexed) and one tsvector of the same words Regie indexes (title weight A, keywords B, description D), GIN indexed.
// Words are Regie's own (apps/catalogue/src/search/text-query.ts words(): lower case, no diacritics), so a prefix
// query `stem:*` matches what FTS5's `"stem"*` matches.
import type pg from "pg";
import type { DatasetRecord } from "@regie/catalogue/datasets/record";
import { words } from "@regie/catalogue/search/text-query";

export const CREATE = `
DROP TABLE IF EXISTS datasets;
CREATE TABLE datasets (
  ord integer PRIMARY KEY,
  publisher text NOT NULL,
  access_rights text NOT NULL,
  theme text[] NOT NULL,
  health_category text[] NOT NULL,
  keyword text[] NOT NULL,
  format text[] NOT NULL,
  language text[] NOT NULL,
  modified text NOT NULL,
  title_sort text NOT NULL,
  tsv tsvector NOT NULL
);`;

export const INDEXES = [
  `CREATE INDEX datasets_tsv ON datasets USING gin (tsv)`,
  ...["theme", "health_category", "keyword", "format", "language"].map((c) => `CREATE INDEX datasets_${c} ON datasets USING gin (${c})`),
  `CREATE INDEX datasets_publisher ON datasets (publisher)`,
  `CREATE INDEX datasets_access ON datasets (access_rights)`,
  `ANALYZE datasets`,
];

const INSERT = `
INSERT INTO datasets
SELECT (r->>'o')::int, r->>'p', r->>'a',
  ARRAY(SELECT json_array_elements_text(r->'t')), ARRAY(SELECT json_array_elements_text(r->'h')), ARRAY(SELECT json_array_elements_text(r->'k')),
  ARRAY(SELECT json_array_elements_text(r->'f')), ARRAY(SELECT json_array_elements_text(r->'l')), r->>'m', r->>'s',
  setweight(to_tsvector('simple', r->>'tt'), 'A') || setweight(to_tsvector('simple', r->>'kt'), 'B') || setweight(to_tsvector('simple', r->>'dt'), 'D')
FROM json_array_elements($1::json) AS r`;

const text = (s: string) => words(s).join(" ");

/** Inserts one batch of records (ordinal = position in the generated catalogue). */
export async function insertBatch(client: pg.PoolClient | pg.Client, batch: { ord: number; record: DatasetRecord }[]) {
  const rows = batch.map(({ ord, record: r }) => ({
    o: ord,
    p: r.publisherId,
    a: r.accessRights,
    t: r.facets.theme,
    h: r.facets.healthCategory,
    k: r.facets.keyword,
    f: r.facets.format,
    l: r.facets.language,
    m: r.modified,
    s: r.titleSort,
    tt: text(r.titleText),
    kt: text(r.keywordsText),
    dt: text(r.descriptionText),
  }));
  await client.query(INSERT, [JSON.stringify(rows)]);
}
