/**
 * SearchIndex.withChanges: an index brought up to date change by change answers every search exactly like an
 * index built from scratch over the same rows (property-based: random sequences of publishes, updates and
 * deletions, compared over many queries).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { SearchQuery } from "@regie/shared/contracts/catalogue";
import { search, textMatch } from "../../src/search/search";
import { SearchIndex, type IndexRow } from "../../src/search/search-index";

const THEMES = ["HEAL", "EDUC", "ECON"];
const CATEGORIES = ["EHRS", "MRMR", "RQSH", "PHDR"];
const KEYWORDS = ["diabetes", "asthma", "cancer", "covid"];
const PUBLISHERS = ["rivm", "iknl", "nivel"];
const ACCESS = ["PUBLIC", "NON_PUBLIC", "RESTRICTED"];

const sub = (values: string[]) => fc.subarray(values, { minLength: 0 });
const rowFields = fc.record({
  theme: sub(THEMES),
  healthCategory: sub(CATEGORIES),
  keyword: sub(KEYWORDS),
  format: sub(["CSV", "PARQUET"]),
  language: sub(["NLD", "ENG"]),
  publisher: fc.constantFrom(...PUBLISHERS),
  access: fc.constantFrom(...ACCESS),
  modified: fc.integer({ min: 1, max: 28 }).map((d) => `2025-02-${String(d).padStart(2, "0")}`),
  title: fc.constantFrom<string>("alpha", "beta", "gamma", "delta"),
  minAge: fc.option(fc.integer({ min: 0, max: 60 })),
  span: fc.option(fc.integer({ min: 0, max: 40 })),
  start: fc.option(fc.integer({ min: 2000, max: 2024 })),
  individuals: fc.option(fc.integer({ min: 0, max: 5000 })),
});
type Fields = typeof rowFields extends fc.Arbitrary<infer T> ? T : never;

function toRow(ord: number, f: Fields): IndexRow {
  return {
    ord,
    publisher_id: f.publisher,
    access_rights: f.access,
    modified: f.modified,
    title_sort: f.title,
    min_age: f.minAge,
    max_age: f.minAge === null || f.span === null ? null : f.minAge + f.span,
    temporal_start: f.start === null ? null : `${f.start}-01-01`,
    temporal_end: f.start === null || f.span === null ? null : `${f.start + (f.span % 5)}-12-31`,
    individuals: f.individuals,
    // the publisher's name belongs to the publisher, as in the catalogue
    facets: JSON.stringify({
      theme: f.theme,
      healthCategory: f.healthCategory,
      keyword: f.keyword,
      format: f.format,
      language: f.language,
      publisherName: f.publisher.toUpperCase(),
    }),
  };
}

/** One change: publish a new dataset (the next ordinal, or a freed one), update or delete one (by position). */
const change = fc.oneof(
  fc.record({ kind: fc.constant("publish" as const), fields: rowFields, reuse: fc.boolean() }),
  fc.record({ kind: fc.constant("update" as const), fields: rowFields, pick: fc.nat() }),
  fc.record({ kind: fc.constant("delete" as const), pick: fc.nat() }),
);
type Change = typeof change extends fc.Arbitrary<infer T> ? T : never;

const QUERIES: SearchQuery[] = [
  {},
  { sort: "modified" },
  { sort: "title" },
  { theme: ["HEAL"] },
  { theme: ["HEAL", "EDUC"], healthCategory: ["EHRS"] },
  { keyword: ["diabetes"], publisher: ["rivm", "iknl"] },
  { accessRights: ["PUBLIC"], format: ["CSV"], language: ["NLD"], sort: "title" },
  { minAge: 18, maxAge: 40 },
  { temporalStart: "2010-01-01", temporalEnd: "2015-12-31" },
  { minIndividuals: 1000, sort: "title" },
  { keyword: ["covid"], theme: ["ECON"], minAge: 10 },
] as SearchQuery[];

/** Everything a search shows, for every query, with and without a text match, in both languages. */
function answers(index: SearchIndex, textOrds: number[]) {
  const text = textMatch(index, textOrds);
  return QUERIES.flatMap((q) => [
    search(index, q, null, { offset: 0, limit: 1000 }),
    search(index, q, null, { offset: 1, limit: 3, lang: "nl" }),
    search(index, { ...q, sort: q.sort ?? "relevance" }, text, { offset: 0, limit: 1000 }),
  ]);
}

/** Applies the changes to a table of rows; every `every` changes, the index takes the changes since the last time. */
function replay(initial: Fields[], changes: Change[], every: number) {
  const table = new Map<number, IndexRow>();
  initial.forEach((f, i) => table.set(i, toRow(i, f)));
  let version = 1;
  let index = new SearchIndex(`e:${version}`, [...table.values()]);
  let pending = new Set<number>();
  const flush = () => {
    version++;
    const rows = [...pending].filter((o) => table.has(o)).map((o) => table.get(o)!);
    const deleted = [...pending].filter((o) => !table.has(o));
    index = index.withChanges(`e:${version}`, rows, deleted);
    pending = new Set();
  };
  changes.forEach((c, i) => {
    const ords = [...table.keys()].sort((a, b) => a - b);
    const next = ords.length ? ords[ords.length - 1]! + 1 : 0;
    if (c.kind === "publish") {
      // like SQLite's INTEGER PRIMARY KEY: the highest ordinal + 1, so a deleted last ordinal is used again
      const ord = c.reuse && ords.length ? next : next + (c.fields.minAge ?? 0);
      table.set(ord, toRow(ord, c.fields));
      pending.add(ord);
    } else if (ords.length) {
      const ord = ords[c.pick % ords.length]!;
      if (c.kind === "update") table.set(ord, toRow(ord, c.fields));
      else table.delete(ord);
      pending.add(ord);
    }
    if ((i + 1) % every === 0) flush();
  });
  flush();
  return { table, index, version };
}

describe("SearchIndex.withChanges", () => {
  it("answers every search like an index built from scratch over the same rows", () => {
    fc.assert(
      fc.property(
        fc.array(rowFields, { maxLength: 40 }),
        fc.array(change, { maxLength: 40 }),
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.nat({ max: 120 }), { maxLength: 20 }),
        (initial, changes, every, textOrds) => {
          const { table, index, version } = replay(initial, changes, every);
          const fresh = new SearchIndex(`e:${version}`, [...table.values()]);
          expect(index.count).toBe(table.size);
          expect(answers(index, textOrds)).toEqual(answers(fresh, textOrds));
          for (const field of Object.keys(fresh.facets) as (keyof typeof fresh.facets)[]) {
            expect([...index.facets[field].values.keys()].sort()).toEqual([...fresh.facets[field].values.keys()].sort());
          }
          expect([...index.byModified]).toEqual([...fresh.byModified]);
          expect([...index.byTitle]).toEqual([...fresh.byTitle]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("leaves the index it was derived from unchanged", () => {
    const rows = [0, 1, 2].map((o) =>
      toRow(o, {
        theme: ["HEAL"],
        healthCategory: ["EHRS"],
        keyword: ["asthma"],
        format: [],
        language: [],
        publisher: "rivm",
        access: "PUBLIC",
        modified: `2025-01-0${o + 1}`,
        title: `t${o}`,
        minAge: 20,
        span: 10,
        start: 2020,
        individuals: 10,
      }),
    );
    const before = new SearchIndex("e:1", rows);
    const snapshot = answers(before, [2, 0]);
    const after = before.withChanges(
      "e:2",
      [
        toRow(1, {
          theme: ["EDUC"],
          healthCategory: [],
          keyword: [],
          format: ["CSV"],
          language: [],
          publisher: "iknl",
          access: "RESTRICTED",
          modified: "2025-03-01",
          title: "a",
          minAge: null,
          span: null,
          start: null,
          individuals: null,
        }),
        toRow(4000, {
          theme: ["ECON"],
          healthCategory: [],
          keyword: [],
          format: [],
          language: [],
          publisher: "nivel",
          access: "PUBLIC",
          modified: "2025-03-02",
          title: "b",
          minAge: null,
          span: null,
          start: null,
          individuals: null,
        }),
      ],
      [0],
    );
    expect(answers(before, [2, 0])).toEqual(snapshot);
    expect(search(after, { sort: "modified" }, null, { offset: 0, limit: 10 }).ords).toEqual([4000, 1, 2]);
    expect(search(after, { theme: ["HEAL"] }, null, { offset: 0, limit: 10 }).ords).toEqual([2]);
    expect(after.facets.keyword.values.has("asthma")).toBe(true);
    expect(after.size).toBeGreaterThan(4000);
  });
});
