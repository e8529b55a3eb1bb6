import { beforeAll, describe, expect, it } from "vitest";
import { env, SELF } from "cloudflare:test";
import { Browser, ORIGIN, textOf } from "./helpers";
import { publishResearchCatalogue } from "./services/catalogue";

/** The research catalogue in the real catalogue (test/services/catalogue.ts): 14 datasets, 4 of them cancer registries. */
let ds: Record<number, string>;
beforeAll(async () => {
  ds = await publishResearchCatalogue();
}, 120_000);

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
    const next = /href="(\/onderzoek\?[^"]*cursor=[^"]+)" rel="next"/.exec(first.html)![1]!.replace(/&amp;/g, "&");
    const second = await b.open(next);
    const text = textOf(second.html);
    expect(text).toContain("Pagina 2");
    expect(text).toContain("Eerste pagina");
    expect(second.html).not.toContain('rel="next"');
    // the two pages together show every dataset once: 10 on the first, the other 4 on the second
    const titles = (html: string) => [...textOf(html).matchAll(/(?:Kanker|Huisarts)registratie \d+/g)].map((m) => m[0]);
    const onFirst = new Set(titles(first.html));
    const onSecond = new Set(titles(second.html));
    expect(onFirst.size).toBe(10);
    expect(onSecond.size).toBe(4);
    expect([...onSecond].filter((t) => onFirst.has(t))).toEqual([]);
  });

  it("refuses a malformed search with 400, not 500", async () => {
    const res = await new Browser().get(`/onderzoek?sort=sideways`);
    expect(res.status).toBe(400);
  });
});

describe("researcher: dataset page", () => {
  it("shows every HealthDCAT-AP property in readable form with its RDF property", async () => {
    const page = await new Browser().open(`/onderzoek/datasets/${ds[3]}`);
    const text = textOf(page.html);
    expect(text).toContain("Kankerregistratie 3");
    expect(text).toContain("Toegang (dct:accessRights) Niet openbaar (NON_PUBLIC)");
    expect(text).toContain("Soort gezondheidsgegevens (healthdcatap:healthCategory) Gegevens uit populatiegebaseerde gezondheidsregisters");
    expect(text).toContain("Toegangsorgaan (HDAB) (healthdcatap:hdab) Naam HDAB Nederland");
    expect(text).toContain("Aantal personen (healthdcatap:numberOfUniqueIndividuals) 120.003");
    expect(text).toContain("Gestructureerde gegevens (healthdcatap:hasStructuredData) Nee");
    expect(text).toContain("Periode (dct:temporal) Van 1 januari 2010 Tot 31 december 2024");
    expect(page.html).toContain('href="http://data.europa.eu/eli/reg/2025/327/oj"');
    expect(page.html).toContain(`href="/onderzoek/datasets/${ds[3]}/metadata.ttl"`);
    expect(page.html).toContain(`href="/onderzoek/datasets/${ds[3]}/metadata.jsonld"`);
  });

  it("a PUBLIC dataset links its download; a RESTRICTED or NON_PUBLIC one leads to an HDAB application", async () => {
    const open = await new Browser().open(`/onderzoek/datasets/${ds[4]}`);
    expect(open.html).toContain('href="https://data.regie.test/files/registry-4.csv"');
    expect(textOf(open.html)).toContain("Deze dataset is openbaar");
    expect(open.html).not.toContain(`href="/onderzoek/datasets/${ds[4]}/aanvragen"`);
    for (const id of [ds[2], ds[3]]) {
      const closed = await new Browser().open(`/onderzoek/datasets/${id}`);
      expect(closed.html).toContain(`href="/onderzoek/datasets/${id}/aanvragen"`);
      expect(textOf(closed.html)).toContain("toegang loopt via een aanvraag bij de toegangsorganisatie");
      expect(closed.html).not.toContain("data.regie.test/files/");
    }
  });

  it("serves the catalogue's Turtle for the dataset", async () => {
    const res = await new Browser().get(`/onderzoek/datasets/${ds[3]}/metadata.ttl`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/turtle");
    // the catalogue's own Turtle, byte for byte
    const own = await env.CATALOGUE.fetch(`https://catalogue.internal/v1/datasets/${ds[3]}`, { headers: { accept: "text/turtle" } });
    expect(own.status).toBe(200);
    const turtle = await res.text();
    expect(turtle).toBe(await own.text());
    expect(turtle).toContain("Kankerregistratie 3");
  });

  it("an unknown or malformed dataset or application id is a 404 page", async () => {
    const b = new Browser();
    expect((await b.get("/onderzoek/datasets/nope")).status).toBe(404);
    expect((await b.get("/onderzoek/datasets/%3Cimg%3E")).status).toBe(404);
    const h = await Browser.loggedIn("hdab:hdab-nl");
    expect((await h.get("/hdab/aanvragen/%22%3Cimg%3E")).status).toBe(404);
  });
});

describe("researcher drafts, the HDAB decides, the researcher sees the status", () => {
  it("starts a draft, saves it, is told what is missing, uploads a PDF, invites a collaborator who edits, submits; the HDAB asks, the researcher answers, the HDAB approves; the permit is in the register", async () => {
    const r = await Browser.loggedIn("researcher:researcher-anna");
    const start = await r.open(`/onderzoek/datasets/${ds[3]}/aanvragen`);
    expect(start.html).toContain("Concept beginnen");
    const created = await r.post(`/onderzoek/datasets/${ds[3]}/aanvragen`, { _csrf: start.csrf, kind: "data_access" });
    expect(created.status).toBe(303);
    const appPath = created.headers.get("location")!;
    const appId = appPath.split("/").pop()!;
    let page = await r.open(appPath);
    expect(page.html).toContain('value="Dr. Anna Visser"');
    expect(textOf(page.html)).toContain("Concept");

    // a bad value is shown next to its field; nothing is saved
    const bad = await r.post(appPath, { _csrf: page.csrf, ...application, durationMonths: "twee jaar", action: "save" });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('id="f-durationMonths-error">Vul een aantal maanden in van 1 tot 120.');
    expect(badHtml).toContain('value="twee jaar"');

    // saving part of it works; submitting lists what is missing
    const partial = await r.post(appPath, { _csrf: page.csrf, ...application, action: "save" });
    expect(partial.status).toBe(303);
    page = await r.open(appPath);
    expect(page.html).toContain("Overleving na een kankerdiagnose per regio.");
    const incomplete = await r.post(appPath, { _csrf: page.csrf, ...application, action: "submit" });
    expect(incomplete.status).toBe(400);
    const missing = textOf(await incomplete.text());
    expect(missing).toContain("De aanvraag is nog niet compleet.");
    expect(missing).toContain("state the legal basis");

    // a PDF, refused when it is not one
    const upload = async (bytes: string, type: string, name: string) => {
      const form = new FormData();
      form.set("_csrf", page.csrf);
      form.set("file", new File([bytes], name, { type }));
      return SELF.fetch(`${ORIGIN}${appPath}/bijlagen`, {
        method: "POST",
        headers: { accept: "text/html", origin: ORIGIN, cookie: r.cookieHeader() },
        body: form,
        redirect: "manual",
      });
    };
    const fake = await upload("<html>not a pdf</html>", "application/pdf", "fake.pdf");
    expect(fake.status).toBe(400);
    expect(await fake.text()).toContain("de inhoud past niet bij het type");
    expect((await upload("%PDF-1.7\n%%EOF\n", "application/pdf", "METC-besluit.pdf")).status).toBe(303);
    page = await r.open(appPath);
    expect(page.html).toContain("METC-besluit.pdf");
    const fileLink = /href="([^"]+\/bijlagen\/[^"]+)"/.exec(page.html)![1]!;
    const download = await r.get(fileLink);
    expect(download.status).toBe(200);
    expect(await download.text()).toContain("%PDF-1.7");

    const invite = await r.post(`${appPath}/medeonderzoekers`, { _csrf: page.csrf, id: "researcher-tom", name: "Tom Peeters", email: "tom@um.example.nl" });
    expect(invite.status).toBe(303);
    const tom = await Browser.loggedIn("researcher:researcher-tom");
    const tomPage = await tom.open(appPath);
    expect(textOf(tomPage.html)).toContain("U bent medeonderzoeker op deze aanvraag.");
    expect(tomPage.html).not.toContain('value="submit"');
    const full = {
      ...application,
      legalBasis: "PUBLIC_TASK",
      expectedOutputs: "Overlevingscurven per regio",
      ethicsAssessmentRequired: "no",
      notProhibitedDeclaration: "yes",
      notProhibitedDeclarationShown: "1",
    };
    expect((await tom.post(appPath, { _csrf: tomPage.csrf, ...full, action: "save" })).status).toBe(303);
    // another researcher: no page, no document
    const eva = await Browser.loggedIn("researcher:researcher-eva");
    expect((await eva.get(appPath)).status).toBe(404);
    expect((await eva.get(fileLink)).status).toBe(404);

    page = await r.open(appPath);
    const sent = await r.post(appPath, { _csrf: page.csrf, ...full, action: "submit" });
    expect(sent.status).toBe(303);
    const statusPage = textOf(await r.follow(sent));
    expect(statusPage).toContain("Uw aanvraag is ingediend.");
    expect(statusPage).toContain("De HDAB beslist uiterlijk op");

    const h = await Browser.loggedIn("hdab:hdab-nl");
    const queue = await h.open("/hdab");
    expect(textOf(queue.html)).toContain("Dr. Anna Visser (Erasmus MC)");
    let review = await h.open(`/hdab/aanvragen/${appId}`);
    expect(textOf(review.html)).toContain("Overleving na een kankerdiagnose per regio.");
    expect(review.html).toContain("METC-besluit.pdf");
    expect(review.html).not.toContain('value="approved"');
    const tooEarly = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "approved", reasons: "" });
    expect(tooEarly.status).toBe(400);
    const noQuestion = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "information_requested", question: "" });
    expect(noQuestion.status).toBe(400);
    const ask = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "information_requested", question: "Welke jaren precies?" });
    expect(textOf(await h.follow(ask))).toContain("Opgeslagen. De aanvraag is nu: Informatie gevraagd.");

    page = await r.open(appPath);
    expect(textOf(page.html)).toContain("Welke jaren precies?");
    const answered = await r.post(`${appPath}/antwoord`, { _csrf: page.csrf, answer: "2010 tot en met 2024" });
    expect(textOf(await r.follow(answered))).toContain("Uw antwoord is verstuurd.");

    review = await h.open(`/hdab/aanvragen/${appId}`);
    const ext = await h.post(`/hdab/aanvragen/${appId}/verlengen`, { _csrf: review.csrf, extendReasons: "Koppeling met twee registraties" });
    expect(textOf(await h.follow(ext))).toContain("De beslistermijn is verlengd.");
    const rejectNoReason = await h.post(`/hdab/aanvragen/${appId}`, { _csrf: review.csrf, status: "rejected", reasons: "" });
    expect(rejectNoReason.status).toBe(400);
    expect(await rejectNoReason.text()).toContain('id="f-reasons-error">Geef een toelichting');
    const approve = await h.post(`/hdab/aanvragen/${appId}`, {
      _csrf: review.csrf,
      status: "approved",
      reasons: "Voldoet aan artikel 68",
      conditions: "Geen export van microdata\nPubliceren binnen 12 maanden",
    });
    expect(approve.status).toBe(303);
    expect(textOf(await h.follow(approve))).toContain("Opgeslagen. De aanvraag is nu: Goedgekeurd.");

    const after = await r.open(appPath);
    expect(textOf(after.html)).toContain("Voldoet aan artikel 68");
    const permitPath = /href="(\/vergunningen\/[^"]+)"/.exec(after.html)![1]!;
    const permit = textOf((await new Browser().open(permitPath)).html);
    expect(permit).toContain("Geen export van microdata");
    expect(permit).toContain("Erasmus MC");
    const register = textOf((await new Browser().open("/register")).html);
    expect(register).toContain(permitPath.split("/").pop()!);
    expect(register).not.toContain("Anna Visser");
    const notes = textOf((await tom.open("/onderzoek/meldingen")).html);
    expect(notes).toContain("Goedgekeurd");
  });

  it("a signed-out visitor who wants to apply is asked to log in first", async () => {
    const res = await new Browser().get(`/onderzoek/datasets/${ds[3]}/aanvragen`);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe(`/inloggen?next=${encodeURIComponent(`/onderzoek/datasets/${ds[3]}/aanvragen`)}`);
  });

  it("a draft can be deleted by its applicant", async () => {
    const r = await Browser.loggedIn("researcher:researcher-anna");
    const start = await r.open(`/onderzoek/datasets/${ds[3]}/aanvragen`);
    const created = await r.post(`/onderzoek/datasets/${ds[3]}/aanvragen`, { _csrf: start.csrf, kind: "data_request" });
    const appPath = created.headers.get("location")!;
    const page = await r.open(appPath);
    const del = await r.post(`${appPath}/verwijderen`, { _csrf: page.csrf });
    expect(textOf(await r.follow(del))).toContain("Het concept en zijn documenten zijn verwijderd.");
    expect((await r.get(appPath)).status).toBe(404);
  });

  it("another researcher does not see the application", async () => {
    const r = await Browser.loggedIn("researcher:researcher-anna");
    const start = await r.open(`/onderzoek/datasets/${ds[3]}/aanvragen`);
    const created = await r.post(`/onderzoek/datasets/${ds[3]}/aanvragen`, { _csrf: start.csrf, kind: "data_access" });
    expect(created.status).toBe(303);
    const appPath = created.headers.get("location")!;
    expect((await r.get(appPath)).status).toBe(200);
    const t = await Browser.loggedIn("researcher:researcher-eva");
    expect(textOf((await t.open("/onderzoek/aanvragen")).html)).toContain("U heeft nog geen aanvragen gedaan.");
    expect((await t.get(appPath)).status).toBe(404);
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
