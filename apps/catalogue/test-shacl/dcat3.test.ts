// DCAT-AP 3 classes against the official shapes (DCAT-AP 3.0.1 shapes.ttl + the HealthDCAT-AP R8 level shapes):
// an exported catalogue page with data services, a dataset series and versioned member datasets has no violation
// in Turtle and JSON-LD; the worker's validator names the same property as the shapes for each mandatory rule
// broken; and the export maps back to the same JSON.
import { describe, expect, it } from "vitest";
import jsonld from "jsonld";
import type { DataService, Dataset, DatasetSeries } from "@regie/shared/contracts/catalogue";
import { EHDS_REGULATION } from "@regie/shared/contracts/catalogue";
import { minimalDataset } from "@regie/shared/testing/datasets";
import { catalogQuads } from "../src/dcat/catalog";
import { datasetIri } from "../src/dcat/identity";
import { resourceToQuads } from "../src/dcat3/rdf";
import { resourceIri } from "../src/dcat3/service";
import { KIND_RULES, validateResource, type ResourceKind } from "../src/dcat3/validate";
import { datasetsFromQuads, resourcesFromQuads } from "../src/rdf/from-rdf";
import { parseTurtle, toJsonLd, toTurtle } from "../src/rdf/serialise";
import { validateDataset } from "../src/validation/rules";
import { canonical, parse, shacl, type Level } from "./helpers";

const meta = (kind: ResourceKind, id: string) => ({ id, iri: resourceIri(kind, id), publisherId: "iknl", modified: "2026-01-01T00:00:00Z", revision: 1 });
const service: DataService = {
  ...meta("service", "registry-api"),
  title: { en: "Registry API" },
  description: { en: "FHIR access to the registry" },
  endpointURL: ["https://api.example.nl/fhir"],
  endpointDescription: ["https://api.example.nl/fhir/metadata"],
  servesDataset: [datasetIri("figures-2023")],
  publisher: { name: { nl: "IKNL" }, contactPoint: { email: "info@iknl.example" } },
  contactPoint: [{ email: "api@iknl.example" }],
  license: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
  accessRights: "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
  applicableLegislation: [EHDS_REGULATION],
  keyword: [{ value: "api", lang: "en" }],
};
const series: DatasetSeries = {
  ...meta("series", "annual-figures"),
  title: { en: "Annual figures" },
  description: { en: "One dataset a year" },
  applicableLegislation: [EHDS_REGULATION],
  publisher: { name: { nl: "IKNL" }, contactPoint: { email: "info@iknl.example" } },
  accrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
  issued: "2020-01-01",
};

function dataset(id: string, extra: Partial<Dataset>, level: Level = "NON_PUBLIC"): Dataset {
  const r = validateDataset({ ...minimalDataset({ identifier: id, accessRights: level }), ...extra });
  if (!r.ok) throw new Error(`${id}: ${JSON.stringify(r.violations)}`);
  return { ...r.value, id, iri: datasetIri(id), publisherId: "iknl", modified: "2026-01-01T00:00:00Z", revision: 1 };
}

const v2022 = dataset("figures-2022", { inSeries: [series.iri], version: "2022", issued: "2023-01-15" });
const v2023 = dataset("figures-2023", {
  inSeries: [series.iri],
  version: "2023",
  versionNotes: { en: "Adds regions" },
  previousVersion: v2022.iri,
  isVersionOf: series.iri,
  issued: "2024-01-15",
  distribution: [{ applicableLegislation: [EHDS_REGULATION], accessURL: "https://example.nl/access", format: "CSV", accessService: [service.iri] }],
});
const pageUrl = (p: number) => `https://data.regie.nl/catalog.ttl?page=${p}`;
const page = () => catalogQuads({ datasets: [v2022, v2023], services: [service], series: [series], total: 2, page: 1, pageSize: 100, pageUrl });

describe("DCAT-AP 3 classes against the official shapes", () => {
  it("a catalogue page with a data service, a series and versioned members has 0 violations, in Turtle and JSON-LD alike", async () => {
    const ttl = parse(toTurtle(page()));
    const results = await shacl(ttl);
    expect(results.filter((r) => r.severity.endsWith("Violation"))).toEqual([]);
    const nquads = (await jsonld.toRDF(JSON.parse(toJsonLd(page())), { format: "application/n-quads" })) as string;
    expect(await canonical(parse(nquads))).toBe(await canonical(ttl));
  });

  it("at the PUBLIC and RESTRICTED levels too", async () => {
    for (const level of ["PUBLIC", "RESTRICTED"] as const) {
      const ds = dataset(`figures-${level}`, { inSeries: [series.iri], version: "1" }, level);
      const quads = catalogQuads({ datasets: [ds], services: [service], series: [series], total: 1, page: 1, pageSize: 100, pageUrl });
      expect(
        (await shacl(parse(toTurtle(quads)), level)).filter((r) => r.severity.endsWith("Violation")),
        level,
      ).toEqual([]);
    }
  });

  const mutations: [string, ResourceKind, Record<string, unknown>, string, string][] = [
    ["a service without dcat:endpointURL", "service", { ...service, endpointURL: [] }, "http://www.w3.org/ns/dcat#endpointURL", "dcat:endpointURL"],
    ["a service without dct:title", "service", { ...service, title: undefined }, "http://purl.org/dc/terms/title", "dct:title"],
    ["a series without dct:description", "series", { ...series, description: undefined }, "http://purl.org/dc/terms/description", "dct:description"],
    ["a series without dct:title", "series", { ...series, title: undefined }, "http://purl.org/dc/terms/title", "dct:title"],
    [
      "a series without dcatap:applicableLegislation",
      "series",
      { ...series, applicableLegislation: [] },
      "http://data.europa.eu/r5r/applicableLegislation",
      "dcatap:applicableLegislation",
    ],
  ];
  for (const [name, kind, mutated, path, property] of mutations) {
    it(`${name}: the shapes and the worker's validator both name ${property}`, async () => {
      // beside a conformant catalogue page (the shapes need a dcat:Dataset in the graph), under its own IRI
      const broken = { ...mutated, iri: "https://data.regie.nl/catalogue/broken" };
      const results = await shacl(parse(toTurtle([...resourceToQuads(kind, broken as never), ...page()])));
      expect(
        results.some((r) => r.path === path && r.focus === broken.iri && r.severity.endsWith("Violation")),
        JSON.stringify(results),
      ).toBe(true);
      const r = validateResource(kind, { ...broken, id: undefined, publisherId: undefined, revision: undefined });
      expect(r.ok ? [] : r.violations.map((v) => v.property)).toContain(property);
    });
  }

  it("two licences on a service: the shapes' maxCount and the worker's validator both name dct:license", async () => {
    const other = { ...service, license: "http://example.org/other-licence" } as DataService;
    const twice = [...resourceToQuads("service", service), ...resourceToQuads("service", other)];
    expect((await shacl(parse(toTurtle([...twice, ...page()])))).some((r) => r.path === "http://purl.org/dc/terms/license")).toBe(true);
    const [h] = resourcesFromQuads(twice, KIND_RULES.service.spec, "dcat:DataService");
    const r = validateResource("service", h!.value, h!.violations);
    expect(r.ok ? [] : r.violations.map((v) => v.property)).toContain("dct:license");
  });

  it("the exported page maps back to the same JSON (services, series, and the datasets' versions and series)", () => {
    const quads = parseTurtle(toTurtle(page()), "b_");
    // blank node labels are not identities
    const strip = ({ id: _i, publisherId: _p, revision: _r, ...rest }: Record<string, unknown>) =>
      JSON.parse(JSON.stringify(rest, (k, v) => (k === "iri" && String(v).startsWith("_:") ? undefined : v)));
    const [svc] = resourcesFromQuads(quads, KIND_RULES.service.spec, "dcat:DataService");
    expect(strip(svc!.value)).toEqual(strip(service as never));
    const [ser] = resourcesFromQuads(quads, KIND_RULES.series.spec, "dcat:DatasetSeries");
    expect(strip(ser!.value)).toEqual(strip(series as never));
    const datasets = datasetsFromQuads(quads);
    expect(datasets.map((d) => d.iri).sort()).toEqual([v2022.iri, v2023.iri].sort());
    for (const original of [v2022, v2023]) {
      const back = datasets.find((d) => d.iri === original.iri)!;
      const r = validateDataset(back.value, back.violations);
      expect(r.ok).toBe(true);
      expect(strip(r.ok ? (r.value as never) : {})).toEqual(strip(original as never));
    }
  });
});
