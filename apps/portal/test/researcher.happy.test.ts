import { describe, expect, it } from "vitest";
import { Browser, textOf } from "./helpers";

const application = {
  applicantName: "Dr. Anna Visser",
  applicantOrganisation: "Erasmus MC",
  applicantEmail: "anna@erasmusmc.nl",
  purpose: "SCIENTIFIC_RESEARCH",
  purposeDescription: "Overleving na een kankerdiagnose per regio.",
  requestedData: "Diagnosejaar, regio, overleving",
  dataForm: "anonymised",
  pseudonymisationJustification: "",
  safeguards: "Alleen in de beveiligde omgeving",
  durationMonths: "24",
  processingEnvironment: "Beveiligde verwerkingsomgeving HDAB",
};

describe("researcher: search", () => {
  it("shows results with highlights, facets with counts, and narrows by a facet", async () => {
    const b = new Browser();
    const page = await b.open("/onderzoek?q=kanker");
    const text = textOf(page.html);
    expect(text).toContain("4 datasets gevonden");
    expect(page.html).toContain("<mark>Kankerregistratie</mark>");
    expect(text).toMatch(/Gegevens uit populatiegebaseerde gezondheidsregisters \(volksgezondheidsregisters\) \(4\)/);
    const narrowed = textOf((await b.open("/onderzoek?q=&healthCategory=EHRS")).html);
    expect(narrowed).toContain("10 datasets gevonden");
    expect(narrowed).toContain("Huisartsregistratie 1");
    expect(narrowed).not.toContain("Kankerregistratie 3");
  });

  it("pages through results with a next link and a link back to the first page", async () => {
    const b = new Browser();
    const first = await b.open("/onderzoek");
    expect(textOf(first.html)).toContain("14 datasets gevonden");
    expect(textOf(first.html)).toContain("Pagina 1");
    const next = /href="(\/onderzoek\?[^"]*cursor=10[^"]*)" rel="next"/.exec(first.html)![1]!.replace(/&amp;/g, "&");
    const second = await b.open(next);
    const text = textOf(second.html);
    expect(text).toContain("Pagina 2");
    expect(text).toContain("Kankerregistratie 12");
    expect(text).toContain("Eerste pagina");
    expect(second.html).not.toContain('rel="next"');
  });

  it("refuses a malformed search with 400, not 500", async () => {
    const res = await new Browser().get(`/onderzoek?sort=sideways`);
    expect(res.status).toBe(400);
  });
});

describe("researcher: dataset page", () => {
  it("shows every HealthDCAT-AP property in readable form with its RDF property", async () => {
    const page = await new Browser().open("/onderzoek/datasets/ds-3");
    const text = textOf(page.html);
    expect(text).toContain("Kankerregistratie 3");
    expect(text).toContain("Toegang (dct:accessRights) Niet openbaar (NON_PUBLIC)");
    expect(text).toContain("Soort gezondheidsgegevens (healthdcatap:healthCategory) Gegevens uit populatiegebaseerde gezondheidsregisters");
    expect(text).toContain("Toegangsorgaan (HDAB) (healthdcatap:hdab) Naam HDAB Nederland");
    expect(text).toContain("Aantal personen (healthdcatap:numberOfUniqueIndividuals) 120.003");
    expect(text).toContain("Gestructureerde gegevens (healthdcatap:hasStructuredData) Nee");
    expect(text).toContain("Periode (dct:temporal) Van 1 januari 2010 Tot 31 december 2024");
    expect(page.html).toContain('href="http://data.europa.eu/eli/reg/2025/327/oj"');
    expect(page.html).toContain('href="/onderzoek/datasets/ds-3/metadata.ttl"');
    expect(page.html).toContain('href="/onderzoek/datasets/ds-3/metadata.jsonld"');
  });

  it("a PUBLIC dataset links its download; a RESTRICTED or NON_PUBLIC one leads to an HDAB application", async () => {
    const open = await new Browser().open("/onderzoek/datasets/ds-4");
    expect(open.html).toContain('href="https://data.regie.nl/files/ds-4.csv"');
    expect(textOf(open.html)).toContain("Deze dataset is openbaar");
    expect(open.html).not.toContain('href="/onderzoek/datasets/ds-4/aanvragen"');
    for (const id of ["ds-2", "ds-3"]) {
      const closed = await new Browser().open(`/onderzoek/datasets/${id}`);
      expect(closed.html).toContain(`href="/onderzoek/datasets/${id}/aanvragen"`);
      expect(textOf(closed.html)).toContain("toegang loopt via een aanvraag bij de toegangsorganisatie");
      expect(closed.html).not.toContain("data.regie.nl/files/");
    }
  });

  it("serves the catalogue's Turtle for the dataset", async () => {
    const res = await new Browser().get("/onderzoek/datasets/ds-3/metadata.ttl");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/turtle");
    expect(await res.text()).toContain("<https://data.regie.nl/dataset/ds-3> a <http://www.w3.org/ns/dcat#Dataset>");
  });

  it("an unknown or malformed dataset or application id is a 404 page", async () => {
    const b = new Browser();
    expect((await b.get("/onderzoek/datasets/nope")).status).toBe(404);
    expect((await b.get("/onderzoek/datasets/%3Cimg%3E")).status).toBe(404);
    const h = new Browser();
    await h.login("hdab:hdab-nl");
    expect((await h.get("/hdab/aanvragen/%22%3Cimg%3E")).status).toBe(404);
  });
});

describe("researcher applies, the HDAB decides, the researcher sees the status", () => {
  it("validates the form, submits, and follows the status through approval", async () => {
    const r = new Browser();
    await r.login("researcher:researcher-anna");
    let form = await r.open("/onderzoek/datasets/ds-3/aanvragen");
    expect(form.html).toContain('value="Dr. Anna Visser"');
    expect(form.html).toContain('value="Erasmus MC"');

    const bad = await r.post("/onderzoek/datasets/ds-3/aanvragen", { _csrf: form.csrf, datasetIds: "ds-3", ...application, applicantEmail: "geen-email", dataForm: "pseudonymised", durationMonths: "twee jaar" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="f-applicantEmail-error">Vul een geldig e-mailadres in');
    expect(badHtml).toContain('id="f-durationMonths-error">Vul een aantal maanden in van 1 tot 120.');
    expect(badHtml).toContain('value="twee jaar"');
    expect(badHtml).toContain("Overleving na een kankerdiagnose per regio.");
    // the schema's cross-field rule: pseudonymised data needs a justification
    form = await r.open("/onderzoek/datasets/ds-3/aanvragen");
    const noJustification = await r.post("/onderzoek/datasets/ds-3/aanvragen", { _csrf: form.csrf, datasetIds: "ds-3", ...application, dataForm: "pseudonymised" });
    expect(noJustification.status).toBe(400);
    expect(await noJustification.text()).toContain('id="f-pseudonymisationJustification-error">Leg uit waarom geanonimiseerde gegevens niet genoeg zijn');

    form = await r.open("/onderzoek/datasets/ds-3/aanvragen");
    const sent = await r.post("/onderzoek/datasets/ds-3/aanvragen", { _csrf: form.csrf, datasetIds: "ds-3", ...application });
    expect(sent.status).toBe(303);
    const statusPage = textOf(await r.follow(sent));
    expect(statusPage).toContain("Uw aanvraag is verstuurd.");
    expect(statusPage).toContain("Ingediend");
    const appPath = sent.headers.get("location")!;
    const appId = appPath.split("/").pop()!;
    expect(textOf((await r.open("/onderzoek/aanvragen")).html)).toContain("Ingediend");

    const h = new Browser();
    await h.login("hdab:hdab-nl");
    const queue = await h.open("/hdab");
    expect(textOf(queue.html)).toContain("Dr. Anna Visser (Erasmus MC)");
    const review = await h.open(`/hdab/aanvragen/${appId}`);
    expect(textOf(review.html)).toContain("Overleving na een kankerdiagnose per regio.");

    expect(review.html).not.toContain('value="approved"');
    const tooEarly = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "approved", reasons: "" });
    expect(tooEarly.status).toBe(400);
    expect(textOf(await tooEarly.text())).toContain("Het besluit kon niet worden opgeslagen.");
    const take = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "under_review", reasons: "" });
    expect(textOf(await h.follow(take))).toContain("Opgeslagen. De aanvraag is nu: In behandeling.");
    expect(textOf((await r.open(appPath)).html)).toContain("In behandeling");

    const rejectNoReason = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "rejected", reasons: "" });
    expect(rejectNoReason.status).toBe(400);
    expect(await rejectNoReason.text()).toContain('id="f-reasons-error">Geef een toelichting');

    const approve = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "approved", reasons: "Voldoet aan artikel 68" });
    expect(approve.status).toBe(303);
    expect(textOf(await h.follow(approve))).toContain("Opgeslagen. De aanvraag is nu: Goedgekeurd.");

    const after = textOf((await r.open(appPath)).html);
    expect(after).toContain("Goedgekeurd");
    expect(after).toContain("Voldoet aan artikel 68");
  });

  it("a signed-out visitor who wants to apply is asked to log in first", async () => {
    const res = await new Browser().get("/onderzoek/datasets/ds-3/aanvragen");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?next=%2Fonderzoek%2Fdatasets%2Fds-3%2Faanvragen");
  });

  it("another researcher does not see the application", async () => {
    const t = new Browser();
    await t.login("researcher:researcher-tom");
    expect(textOf((await t.open("/onderzoek/aanvragen")).html)).toContain("U heeft nog geen aanvragen gedaan.");
    expect((await t.get("/onderzoek/aanvragen/app-1")).status).toBe(404);
  });
});

describe("provider information page", () => {
  it("links each service's /docs and OpenAPI document", async () => {
    const html = (await new Browser().open("/zorgaanbieders")).html;
    expect(html).toContain('href="http://localhost:8788/docs"');
    expect(html).toContain('href="http://localhost:8789/docs"');
    expect(html).toContain('href="http://localhost:8788/openapi.json"');
  });
});
