/** The MQA quality score (src/quality): published weights, per-dimension points, what would raise it; bounds and monotonicity. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Distribution } from "@regie/shared/contracts/catalogue";
import { MAX_SCORE, METRICS, ratingOf } from "../../src/quality/metrics";
import { assessQuality, looksReachable, type QualityInput } from "../../src/quality/score";

const bare: QualityInput = { keyword: [], theme: [], distribution: [], accessRights: "NON_PUBLIC", contactPoint: [] };
const fullDistribution: Distribution = {
  applicableLegislation: [],
  accessURL: "https://data.example.nl/access",
  downloadURL: "https://data.example.nl/file.csv",
  format: "CSV",
  mediaType: "https://www.iana.org/assignments/media-types/text/csv",
  license: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
  rights: "https://data.example.nl/rights",
  byteSize: 1024,
};
const full: QualityInput = {
  id: "full",
  keyword: [{ value: "kanker", lang: "nl" }],
  theme: ["HEAL"],
  spatial: ["http://publications.europa.eu/resource/authority/country/NLD"],
  temporal: [{ startDate: "2020-01-01", endDate: "2024-12-31" }],
  distribution: [fullDistribution],
  accessRights: "PUBLIC",
  contactPoint: [{ email: "data@example.nl" }],
  publisher: { name: { nl: "IKNL" } },
  issued: "2024-01-01",
  modified: "2025-01-01",
};

describe("MQA weights", () => {
  it("are the published ones: 100, 100, 110, 75 and 20 points, 405 in all", () => {
    const q = assessQuality(full, { conformant: true });
    expect(q.dimensions.map((d) => [d.dimension, d.max])).toEqual([
      ["findability", 100],
      ["accessibility", 100],
      ["interoperability", 110],
      ["reusability", 75],
      ["contextuality", 20],
    ]);
    expect(MAX_SCORE).toBe(405);
    expect(METRICS.find((m) => m.id === "accessUrlAccessibility")?.weight).toBe(50);
    expect(METRICS.find((m) => m.id === "dcatApCompliance")?.weight).toBe(30);
  });

  it("a complete, conformant description scores all 405 points and nothing would raise it", () => {
    const q = assessQuality(full, { conformant: true });
    expect(q.score).toBe(405);
    expect(q.rating).toBe("excellent");
    expect(q.toRaise).toEqual([]);
  });

  it("a bare description scores only its access right (15 points) and lists the rest, most points first", () => {
    const q = assessQuality(bare, { conformant: false });
    expect(q.score).toBe(15);
    expect(q.rating).toBe("bad");
    expect(q.toRaise[0]).toEqual({ id: "accessUrlAccessibility", dimension: "accessibility", points: 50, property: "dcat:accessURL" });
    expect(q.toRaise.map((r) => r.id)).toContain("keywordUsage");
    expect(q.toRaise.reduce((n, r) => n + r.points, 0)).toBe(405 - 15);
  });

  it("without a licence from the EU licence table, the vocabulary points are missing but the licence points are not", () => {
    const q = assessQuality({ ...full, distribution: [{ ...fullDistribution, license: "https://example.org/my-licence" }] }, { conformant: true });
    expect(q.score).toBe(395);
    expect(q.toRaise).toEqual([{ id: "licenceVocabulary", dimension: "reusability", points: 10, property: "dct:license" }]);
  });

  it("a proprietary format earns format points but not the non-proprietary ones", () => {
    const q = assessQuality({ ...full, distribution: [{ ...fullDistribution, format: "XLSX" }] }, { conformant: true });
    expect(q.toRaise.map((r) => r.id)).toEqual(["nonProprietary"]);
  });

  it("reachability is judged offline: an http(s) URL with a host counts, anything else does not", () => {
    expect(looksReachable("https://data.example.nl/x")).toBe(true);
    expect(looksReachable("urn:uuid:123")).toBe(false);
    expect(looksReachable("mailto:a@b.nl")).toBe(false);
    expect(looksReachable(undefined)).toBe(false);
    const q = assessQuality({ ...full, distribution: [{ ...fullDistribution, accessURL: "urn:x:access", downloadURL: undefined }] }, { conformant: true });
    expect(q.toRaise.map((r) => r.id)).toEqual(["accessUrlAccessibility", "downloadUrlAccessibility", "downloadUrl"]);
  });

  it("rating bands are MQA's", () => {
    expect([405, 351, 350, 221, 220, 121, 120, 0].map(ratingOf)).toEqual(["excellent", "excellent", "good", "good", "sufficient", "sufficient", "bad", "bad"]);
  });
});

// --------------------------------------------------------------------------------------------- properties

const distribution: fc.Arbitrary<Distribution> = fc.record(
  {
    applicableLegislation: fc.constant([]),
    accessURL: fc.constantFrom("https://data.example.nl/a", "urn:x:a", "http://h/p"),
    downloadURL: fc.constantFrom("https://data.example.nl/d.csv", "ftp://x/y"),
    format: fc.constantFrom("CSV", "XLSX", "PDF", "SAS", "OTHER_X"),
    mediaType: fc.constantFrom("https://www.iana.org/assignments/media-types/text/csv", "https://example.org/type"),
    license: fc.constantFrom("http://publications.europa.eu/resource/authority/licence/CC0", "https://example.org/l", "_:lic"),
    rights: fc.constant("https://example.org/r"),
    byteSize: fc.nat(),
  },
  { requiredKeys: ["applicableLegislation", "accessURL"] },
);
const input: fc.Arbitrary<QualityInput> = fc.record(
  {
    keyword: fc.array(fc.record({ value: fc.constantFrom("a", "b") }), { maxLength: 2 }),
    theme: fc.subarray(["HEAL", "SOCI"] as ("HEAL" | "SOCI")[]),
    distribution: fc.array(distribution, { maxLength: 3 }),
    accessRights: fc.constantFrom("PUBLIC" as const, "RESTRICTED" as const, "NON_PUBLIC" as const),
    contactPoint: fc.array(fc.record({ email: fc.constant("x@y.nl") }), { maxLength: 1 }),
    spatial: fc.array(fc.constant("http://publications.europa.eu/resource/authority/country/NLD"), { maxLength: 1 }),
    temporal: fc.array(fc.record({ startDate: fc.constant("2020-01-01") }, { requiredKeys: [] }), { maxLength: 1 }),
    publisher: fc.constant({ name: { nl: "P" } }),
    issued: fc.constant("2024-01-01"),
    modified: fc.constant("2025-01-01"),
  },
  { requiredKeys: ["keyword", "theme", "distribution", "accessRights", "contactPoint"] },
);
/** One way to add a property (or a distribution) to a description. */
const addition = fc.oneof(
  fc.constant((d: QualityInput): QualityInput => ({ ...d, keyword: [...d.keyword, { value: "extra" }] })),
  fc.constant((d: QualityInput): QualityInput => ({ ...d, spatial: [...(d.spatial ?? []), "http://publications.europa.eu/resource/authority/country/BEL"] })),
  fc.constant((d: QualityInput): QualityInput => ({ ...d, publisher: { name: { en: "Q" } } })),
  fc.constant((d: QualityInput): QualityInput => ({ ...d, issued: "2023-01-01" })),
  distribution.map((x) => (d: QualityInput): QualityInput => ({ ...d, distribution: [...d.distribution, x] })),
  fc
    .record({ byteSize: fc.nat(), license: fc.constant("http://publications.europa.eu/resource/authority/licence/CC0") })
    .map((extra) => (d: QualityInput): QualityInput => ({ ...d, distribution: d.distribution.map((x, i) => (i === 0 ? { ...x, ...extra } : x)) })),
);

describe("MQA score properties", () => {
  it("stays within 0–405, is the sum of its dimensions, and what would raise it adds up to the rest", () => {
    fc.assert(
      fc.property(input, fc.boolean(), (d, conformant) => {
        const q = assessQuality(d, { conformant });
        expect(q.score).toBeGreaterThanOrEqual(0);
        expect(q.score).toBeLessThanOrEqual(405);
        expect(q.dimensions.reduce((n, x) => n + x.points, 0)).toBe(q.score);
        for (const x of q.dimensions) expect(x.points).toBeLessThanOrEqual(x.max);
        expect(q.toRaise.reduce((n, r) => n + r.points, 0)).toBe(405 - q.score);
      }),
    );
  });

  it("adding a property or a distribution never lowers the score, and no met metric becomes unmet", () => {
    fc.assert(
      fc.property(input, addition, fc.boolean(), (d, add, conformant) => {
        const before = assessQuality(d, { conformant });
        const after = assessQuality(add(d), { conformant });
        expect(after.score).toBeGreaterThanOrEqual(before.score);
        const metAfter = new Set(after.metrics.filter((m) => m.met).map((m) => m.id));
        for (const m of before.metrics) if (m.met) expect(metAfter.has(m.id)).toBe(true);
      }),
    );
  });

  it("conformance to DCAT-AP is worth exactly its 30 points", () => {
    fc.assert(
      fc.property(input, (d) => {
        expect(assessQuality(d, { conformant: true }).score - assessQuality(d, { conformant: false }).score).toBe(30);
      }),
    );
  });
});
