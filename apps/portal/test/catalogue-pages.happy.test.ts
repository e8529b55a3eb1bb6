/**
 * Issue 14's portal pages against the real catalogue: the access-level filter and the quality sort on the search page;
 * the dataset page's quality section (the score the catalogue computes), vocabulary labels instead of IRIs,
 * alternate RDF links and schema.org JSON-LD (escaped); the publisher's harvest sources and job history.
 * Everything is seeded through the catalogue's API (./services/catalogue-quality.ts), every write's status checked.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { DatasetQuality } from "@regie/shared/contracts/catalogue";
import { Browser, textOf } from "./helpers";
import { callService, devToken } from "./services/call";
import {
  HOSTILE_TITLE,
  publishQualityCatalogue,
  registerFailingSource,
  registerLocalSource,
  type HarvestRun,
  type QualityCatalogue,
} from "./services/catalogue-quality";

let cat: QualityCatalogue;
beforeAll(async () => {
  cat = await publishQualityCatalogue();
}, 180_000);

const qualityOf = async (id: string): Promise<DatasetQuality> =>
  (await (await callService("CATALOGUE", "GET", `/v1/datasets/${id}/quality`)).expect(200, `the quality of ${id}`)).json<DatasetQuality>();

const jsonLdOf = (html: string) => {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  if (!m) throw new Error("no JSON-LD block");
  return { raw: m[1]!, data: JSON.parse(m[1]!) as Record<string, unknown> };
};

describe("search: access level and quality", () => {
  it("filters by access level (the facet is there, with the level's label) and narrows to it", async () => {
    const b = new Browser();
    const all = await b.open("/onderzoek");
    expect(all.html).toMatch(/name="accessRights" value="PUBLIC"/);
    expect(textOf(all.html)).toMatch(/Openbaar \(1\)/);
    const open = textOf((await b.open("/onderzoek?accessRights=PUBLIC")).html);
    for (const shown of ["1 dataset", "Huisartsregistratie 4"]) expect(open).toContain(shown);
    expect(open).not.toContain("Kankerregistratie 3");
  });

  it("sorts by quality: the option is offered and hits come best described first, with the catalogue's score", async () => {
    const b = new Browser();
    const page = await b.open("/onderzoek?sort=quality");
    expect(page.html).toMatch(/<option value="quality" selected="">Beste beschrijving eerst<\/option>/);
    const scores = [...textOf(page.html).matchAll(/(\d+) van 405 punten/g)].map((m) => Number(m[1]));
    expect(scores.length).toBe(10);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(scores[0]).toBeGreaterThan(scores[9]!);
    // the best described one comes first, with the score the catalogue computes for it
    expect(scores[0]).toBe((await qualityOf(cat.rich)).score);
  });
});

describe("dataset page", () => {
  it("shows the catalogue's quality score and what would raise it", async () => {
    const q = await qualityOf(cat.rich);
    const page = await new Browser().open(`/onderzoek/datasets/${cat.rich}`);
    const text = textOf(page.html);
    expect(text).toContain("Kwaliteit van de beschrijving");
    const rating = { excellent: "Uitstekend", good: "Goed", sufficient: "Voldoende", bad: "Onvoldoende" }[q.rating];
    expect(text).toContain(`${q.score} van ${q.max} punten · Oordeel: ${rating}`);
    // the rich dataset has no licence: the catalogue says a licence would raise the score, and the page says so
    const licence = q.toRaise.find((r) => r.id === "licenceInformation");
    expect(licence).toBeDefined();
    expect(text).toMatch(new RegExp(`Geef een licentie \\(dct:license\\)\\s*: \\+${licence!.points} punten`));
    const findability = q.dimensions.find((d) => d.dimension === "findability")!;
    expect(text).toContain(`Vindbaarheid ${findability.points} / ${findability.max}`);
    // the minimal one has no download URL: its page (in English) says that would raise it
    const basic = await qualityOf(cat.basic);
    expect(basic.score).toBeLessThan(q.score);
    const download = basic.toRaise.find((r) => r.id === "downloadUrl");
    expect(download).toBeDefined();
    const en = textOf((await new Browser().open(`/onderzoek/datasets/${cat.basic}?lang=en`)).html);
    expect(en).toContain("What would raise the score");
    expect(en).toContain(`${basic.score} of ${basic.max} points`);
    expect(en).toMatch(new RegExp(`Give a download URL \\(dcat:downloadURL\\)\\s*: \\+${download!.points} points`));
  });

  it("shows Dutch and English labels of the EU vocabularies instead of their IRIs", async () => {
    const nl = await new Browser().open(`/onderzoek/datasets/${cat.rich}`);
    const text = textOf(nl.html);
    for (const label of ["Persoonsgegevens", "Nederland", "jaarlijks", "Verordening (EU) 2025/327"]) expect(text).toContain(label);
    // the IRI is the link, not the text
    expect(text).not.toContain("http://publications.europa.eu/resource/authority/country/NLD");
    expect(nl.html).toContain('href="http://publications.europa.eu/resource/authority/country/NLD"');
    const en = textOf((await new Browser().open(`/onderzoek/datasets/${cat.rich}?lang=en`)).html);
    expect(en).toContain("Personal data");
    expect(en).toContain("Netherlands");
    expect(en).toContain("annual");
  });

  it("links every RDF form as an alternate and carries a schema.org Dataset in JSON-LD", async () => {
    const id = cat.rich;
    const page = await new Browser().open(`/onderzoek/datasets/${id}`);
    for (const [type, ext] of [
      ["text/turtle", "ttl"],
      ["application/ld+json", "jsonld"],
      ["application/rdf+xml", "rdf"],
    ])
      expect(page.html).toContain(`<link rel="alternate" type="${type}" href="/onderzoek/datasets/${id}/metadata.${ext}"/>`);
    const { data } = jsonLdOf(page.html);
    expect(data["@context"]).toBe("https://schema.org/");
    expect(data["@type"]).toBe("Dataset");
    expect(data["@id"]).toBe(cat.richIri);
    expect(data.name).toEqual([
      { "@value": "Huisartsregistratie 4", "@language": "nl" },
      { "@value": "GP registry 4", "@language": "en" },
    ]);
    expect(data.isAccessibleForFree).toBe(true);
    expect(data.spatialCoverage).toEqual([{ "@type": "Place", "@id": "http://publications.europa.eu/resource/authority/country/NLD", name: "Nederland" }]);
    expect(data.distribution).toEqual([{ "@type": "DataDownload", contentUrl: "https://data.regie.test/files/registry-4.csv", encodingFormat: "CSV" }]);
  });

  it("text that tries to close the script element stays inside the JSON-LD block", async () => {
    const page = await new Browser().open(`/onderzoek/datasets/${cat.hostile}`);
    expect(page.res.status).toBe(200);
    const { raw, data } = jsonLdOf(page.html);
    expect(raw).not.toMatch(/<\/?script|<!--/i);
    expect((data.name as { "@value": string }[])[0]!["@value"]).toBe(HOSTILE_TITLE);
    // exactly the page's own scripts: portal.js and the JSON-LD block, nothing injected
    expect(page.html.match(/<script/g)?.length).toBe(2);
  });
});

describe("publisher: harvest sources", () => {
  // harvested here, after the search and dataset tests, so that the harvested datasets do not change what those see
  let sourceId: string;
  let runs: HarvestRun[];
  let failingId: string;
  beforeAll(async () => {
    ({ id: sourceId, runs } = await registerLocalSource("iknl", "IKNL-catalogus"));
    failingId = await registerFailingSource("iknl", "IKNL-oud", 1);
  }, 180_000);

  it("a publisher sees its sources with the last run, and a source's job history with rejections", async () => {
    expect(runs.map((r) => r.status)).toEqual(["done", "done"]);
    expect(runs[1]).toMatchObject({ added: 1, updated: 3, withdrawn: 1, rejected: 1 });
    const b = new Browser();
    const login = await b.login("publisher:iknl");
    expect(login.status).toBe(303);
    expect(login.headers.get("location")).toBe("/datahouder");
    const list = await b.open("/datahouder");
    expect(list.res.status).toBe(200);
    const text = textOf(list.html);
    expect(text).toContain("Mijn oogstbronnen");
    expect(text).toContain("IKNL-catalogus");
    expect(text).toContain("DCAT-AP-catalogus");
    expect(text).toMatch(/Klaar · .* Toegevoegd 1, Bijgewerkt 3, Ingetrokken 1, Geweigerd 1/);
    const jobs = await b.open(`/datahouder/bronnen/${sourceId}`);
    expect(jobs.res.status).toBe(200);
    const jt = textOf(jobs.html);
    expect(jt).toContain("Geschiedenis: IKNL-catalogus");
    expect(jobs.html.match(/<tr>/g)?.length).toBe(3); // header + two jobs
    // the rejected dataset and why, as the catalogue's job history gives them
    const token = await devToken({ role: "publisher", publisherId: "iknl" });
    const history = (await (await callService("CATALOGUE", "GET", `/v1/harvest-sources/${sourceId}/jobs`, token)).expect(200, "the job history")).json<{
      items: { rejections: { iri: string; violations: { property: string; message: string }[] }[] }[];
    }>();
    const rejection = history.items[0]!.rejections[0]!;
    expect(rejection.iri).toContain("portal-broken");
    const hdab = rejection.violations.find((v) => v.property === "healthdcatap:hdab");
    expect(hdab).toBeDefined();
    expect(jt).toContain(rejection.iri);
    expect(jt).toContain(hdab!.message);
  });

  it("a source that cannot be reached shows a failed run with the catalogue's error", async () => {
    const token = await devToken({ role: "publisher", publisherId: "iknl" });
    const history = (await (await callService("CATALOGUE", "GET", `/v1/harvest-sources/${failingId}/jobs`, token)).expect(200, "the job history")).json<{
      items: { status: string; error: string | null }[];
    }>();
    expect(history.items.map((j) => j.status)).toEqual(["failed"]);
    expect(history.items[0]!.error).toBeTruthy();
    const b = new Browser();
    expect((await b.login("publisher:iknl")).status).toBe(303);
    expect(textOf((await b.open("/datahouder")).html)).toContain("Mislukt");
    const jt = textOf((await b.open(`/datahouder/bronnen/${failingId}`)).html);
    expect(jt).toContain("Geschiedenis: IKNL-oud");
    expect(jt).toContain("Mislukt");
    expect(jt).toContain(history.items[0]!.error!);
  });

  it("another publisher sees none of them, and not the history either", async () => {
    const b = new Browser();
    expect((await b.login("publisher:rivm")).status).toBe(303);
    expect(textOf((await b.open("/datahouder")).html)).toContain("U hebt nog geen oogstbronnen");
    expect((await b.get(`/datahouder/bronnen/${sourceId}`)).status).toBe(404);
  });

  it("is for publishers only: anonymous visitors are sent to log in, researchers get 403", async () => {
    const anon = await new Browser().get("/datahouder");
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toContain("/inloggen?next=%2Fdatahouder");
    const r = new Browser();
    expect((await r.login("researcher:researcher-anna")).status).toBe(303);
    expect((await r.get("/datahouder")).status).toBe(403);
  });
});
