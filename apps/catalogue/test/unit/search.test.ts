import { describe, expect, it } from "vitest";
import { search, textMatch, encodeCursor, decodeCursor } from "../../src/search/search";
import { SearchIndex, type IndexRow } from "../../src/search/search-index";
import { empty, set, toHex } from "../../src/search/bitset";
import { inPositionOrder } from "../../src/storage/datasets-repo";

function row(
  ord: number,
  f: Partial<{ theme: string[]; healthCategory: string[]; keyword: string[]; format: string[]; language: string[] }>,
  extra: Partial<IndexRow> = {},
): IndexRow {
  return {
    ord,
    publisher_id: extra.publisher_id ?? "p1",
    access_rights: "NON_PUBLIC",
    modified: extra.modified ?? `2025-01-${String(ord + 1).padStart(2, "0")}`,
    title_sort: extra.title_sort ?? `t${ord}`,
    min_age: null,
    max_age: null,
    temporal_start: null,
    temporal_end: null,
    individuals: null,
    facets: JSON.stringify({ theme: ["HEAL"], healthCategory: [], keyword: [], format: [], language: [], publisherName: "P", ...f }),
    ...extra,
  };
}

const index = new SearchIndex("e:1", [
  row(1, { healthCategory: ["EHRS"], format: ["CSV"] }),
  row(2, { healthCategory: ["MRMR"], format: ["CSV"] }),
  row(3, { healthCategory: ["MRMR"], format: ["PARQUET"] }, { publisher_id: "p2" }),
  row(5, { healthCategory: ["RQSH"], format: ["CSV"] }, { publisher_id: "p2" }),
]);
const page = { offset: 0, limit: 10 };

describe("faceted search over bitsets", () => {
  it("ORs within a facet, ANDs across facets, multi-select counts", () => {
    const r = search(index, { healthCategory: ["EHRS", "MRMR"], format: ["CSV"] }, null, page);
    expect(r.total).toBe(2);
    expect(r.facets.healthCategory.find((f) => f.value === "RQSH")!.count).toBe(1); // own facet ignores own selection
    expect(r.facets.format.find((f) => f.value === "PARQUET")!.count).toBe(1);
    expect(r.facets.publisher).toEqual([{ value: "p1", label: "P", count: 2 }]);
  });
  it("ranks by the text match order and pages without gaps", () => {
    const t = textMatch(index, [5, 2, 1]);
    expect(search(index, {}, t, page).ords).toEqual([5, 2, 1]);
    expect(search(index, {}, t, { offset: 1, limit: 1 })).toMatchObject({ ords: [2], nextOffset: 2, total: 3 });
    expect(search(index, {}, t, { offset: 9, limit: 1 })).toMatchObject({ ords: [], nextOffset: null, total: 3 });
  });
  it("sorts by modified (newest first) and title", () => {
    expect(search(index, { sort: "modified" }, null, page).ords).toEqual([5, 3, 2, 1]);
    expect(search(index, { sort: "title" }, null, page).ords).toEqual([1, 2, 3, 5]);
  });
  it("round-trips cursors and rejects forged ones", () => {
    expect(decodeCursor(encodeCursor(40))).toBe(40);
    expect(decodeCursor("nope")).toBeNull();
    expect(decodeCursor(btoa('{"o":1.5}'))).toBeNull();
  });
});

describe("bitset as hex for SQL", () => {
  it("ordinal o is bit (o & 3) of hex digit (o >> 2); trailing zero words are dropped", () => {
    const b = empty(96);
    expect(toHex(b)).toBe("");
    for (const o of [0, 5, 6, 33]) set(b, o);
    const hex = toHex(b);
    expect(hex).toBe("16000000" + "20000000");
    const isSet = (o: number) => ((parseInt(hex[o >> 2] ?? "0", 16) >> (o & 3)) & 1) === 1;
    expect([...Array(96).keys()].filter(isSet)).toEqual([0, 5, 6, 33]);
  });
});

describe("ranked ordinals from SQL", () => {
  it("are put in the order of their positions, whatever order the aggregate gave", () => {
    expect(inPositionOrder("1:40,2:7,3:12")).toEqual([40, 7, 12]);
    expect(inPositionOrder("3:12,1:40,2:7")).toEqual([40, 7, 12]);
    expect(inPositionOrder("1:5")).toEqual([5]);
  });
});
