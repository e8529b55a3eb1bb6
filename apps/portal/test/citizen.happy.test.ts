import { describe, expect, it } from "vitest";
import { Browser, setCookies, textOf } from "./helpers";
import { callService, devToken } from "./services/call";
import { citizen, loadAddressBook, providerAsks, providerRecords, registerFamily } from "./services/consent";

const choice = { holder: "ziekenhuis", holderUra: "", requester: "apotheek", requesterUra: "", dataCategory: "GGC013", decision: "permit", validUntil: "" };

describe("citizen: record, see, change and withdraw a choice", () => {
  it("walks through the whole cycle in plain words", async () => {
    await loadAddressBook();
    const b = new Browser();
    const login = await b.login("citizen:daan");
    expect(login.headers.get("location")).toBe("/mijn");
    expect(textOf(await b.follow(login))).toContain("U bent ingelogd als Daan Bakker.");

    let page = await b.open("/mijn");
    expect(textOf(page.html)).toContain("U heeft nog geen keuzes vastgelegd.");

    const form = await b.open("/mijn/keuzes/nieuw");
    const saved = await b.post("/mijn/keuzes", { _csrf: form.csrf, ...choice });
    expect(saved.status).toBe(303);
    const overview = textOf(await b.follow(saved));
    expect(overview).toContain("Uw keuze is opgeslagen: Ziekenhuizen mogen uw medicatiegegevens delen met apotheken.");
    expect(overview).toContain("Ziekenhuizen mogen uw medicatiegegevens delen met apotheken.");

    page = await b.open("/mijn");
    const id = /\/mijn\/keuzes\/([^/]+)\/wijzigen/.exec(page.html)![1]!;
    const edit = await b.open(`/mijn/keuzes/${id}/wijzigen`);
    expect(edit.html).toMatch(/<option value="ziekenhuis" selected/);
    const changed = await b.post(`/mijn/keuzes/${id}/wijzigen`, {
      _csrf: edit.csrf,
      ...choice,
      requester: "ura",
      requesterUra: "00003003",
      decision: "deny",
      validUntil: "2027-12-31",
    });
    expect(changed.status).toBe(303);
    expect(textOf(await b.follow(changed))).toContain(
      "Uw keuze is gewijzigd: Ziekenhuizen mogen uw medicatiegegevens niet delen met Apotheek Centraal in Utrecht. Dit geldt tot en met 31 december 2027.",
    );

    const confirm = await b.open(`/mijn/keuzes/${id}/intrekken`);
    expect(textOf(confirm.html)).toContain("Als u deze keuze intrekt, geldt hij niet meer.");
    const withdrawn = await b.post(`/mijn/keuzes/${id}/intrekken`, { _csrf: confirm.csrf });
    const after = textOf(await b.follow(withdrawn));
    expect(after).toContain("Uw keuze is ingetrokken");
    expect(after).toContain("U heeft nog geen keuzes vastgelegd.");

    const history = textOf((await b.open("/mijn/geschiedenis")).html);
    expect(history).toContain("Vastgelegd · door u");
    expect(history).toContain("Gewijzigd · door u");
    expect(history).toContain("Ingetrokken · door u");
  });
});

describe("citizen: the other pages", () => {
  it("shows who asked, with the provider, the data and the answer", async () => {
    await loadAddressBook();
    // Jan allows it, then the pharmacy asks the real service (which logs the question and answers permit)
    const jan = await devToken({ role: "citizen", bsn: citizen("jan").bsn });
    const choice = { holder: { category: "ziekenhuis" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit" };
    await (await callService("CONSENT", "POST", "/v1/me/choices", jan, choice)).expect(201, "Jan's choice");
    await providerAsks("jan", "ziekenhuis", "apotheek", ["GGC013"]);
    // then the pharmacy declares an emergency (break-the-glass) when it asks again: its own event in the real log
    await providerAsks("jan", "ziekenhuis", "apotheek", ["GGC013"], { reason: "bewusteloos op de spoedeisende hulp" });
    const b = await Browser.loggedIn("citizen:jan");
    const text = textOf((await b.open("/mijn/inzage")).html);
    expect(text).toContain("Apotheek Centraal in Utrecht · URA 00003003");
    expect(text).toContain("Vroeg of gegevens gedeeld mogen worden over medicatiegegevens (voor behandeling)");
    expect(text).toContain("Toegestaan");
    // break-the-glass is shown as such, with its reason, and not as a temporary consent
    expect(text).toContain("Meldde een noodgeval (noodtoegang zonder toestemming)");
    expect(text).toContain("noodtoegang zonder toestemming · Reden: bewusteloos op de spoedeisende hulp");
    expect(text).not.toContain("tijdelijke toestemming");
  });

  it("shows notifications in plain words", async () => {
    await providerRecords("jan", "huisarts", {
      holder: { category: "huisarts" },
      requester: { category: "apotheek" },
      dataCategory: "GGC013",
      decision: "permit",
    });
    const b = await Browser.loggedIn("citizen:jan");
    expect(textOf((await b.open("/mijn/berichten")).html)).toContain("Een zorgaanbieder heeft een keuze voor u vastgelegd.");
  });

  it("explains the secondary-use opt-out and switches it both ways", async () => {
    const b = await Browser.loggedIn("citizen:wilma");
    let page = await b.open("/mijn/onderzoek");
    expect(textOf(page.html)).toContain("EHDS, artikel 71");
    expect(textOf(page.html)).toContain("Nu: uw gegevens mogen gebruikt worden voor onderzoek en beleid.");
    let res = await b.post("/mijn/onderzoek", { _csrf: page.csrf, optOut: "true" });
    let text = textOf(await b.follow(res));
    expect(text).toContain("Uw bezwaar is opgeslagen.");
    expect(text).toContain("Nu: u heeft bezwaar gemaakt.");
    page = await b.open("/mijn/onderzoek");
    res = await b.post("/mijn/onderzoek", { _csrf: page.csrf, optOut: "false" });
    text = textOf(await b.follow(res));
    expect(text).toContain("Uw bezwaar is ingetrokken.");
  });

  it("shows the page in English with ?lang=en and remembers it", async () => {
    await loadAddressBook();
    await providerAsks("jan", "ziekenhuis", "apotheek", ["GGC013"]);
    const b = await Browser.loggedIn("citizen:jan");
    const first = await b.get("/mijn/inzage?lang=en");
    const html = await first.text();
    expect(html).toContain('<html lang="en">');
    expect(textOf(html)).toContain("Who asked about me");
    expect(textOf(html)).toContain("Asked whether data may be shared about medication data (for treatment)");
    const again = await b.open("/mijn");
    expect(again.html).toContain('<html lang="en">');
    expect(textOf(again.html)).toContain("My choices");
  });

  it("follows the browser's Accept-Language when nothing was chosen; a choice by ?lang= or its cookie wins; Dutch otherwise", async () => {
    const english = await new Browser().get("/", { "accept-language": "en-GB,en;q=0.9,nl;q=0.5" });
    expect(await english.text()).toContain('<html lang="en">');
    // a language from the header is not remembered: no cookie for it
    expect(setCookies(english).filter((l) => l.startsWith("regie_lang="))).toEqual([]);
    expect(await (await new Browser().get("/", { "accept-language": "fr-FR,de;q=0.8" })).text()).toContain('<html lang="nl">');
    expect(await (await new Browser().get("/", { "accept-language": "nl;q=0, en;q=0.1" })).text()).toContain('<html lang="en">');
    const b = new Browser();
    const chosen = await b.get("/?lang=nl", { "accept-language": "en" });
    expect(await chosen.text()).toContain('<html lang="nl">');
    const remembered = setCookies(chosen).find((l) => l.startsWith("regie_lang="))!;
    for (const part of ["regie_lang=nl;", "Max-Age=31536000", "Path=/", "HttpOnly", "Secure", "SameSite=Lax"]) expect(remembered).toContain(part);
    expect(await (await b.get("/", { "accept-language": "en" })).text()).toContain('<html lang="nl">');
  });
});

describe("guardian: a child's choices", () => {
  /** Fatima has parental authority over Noor (12) in the BRP; Noor records a choice herself, which stays pending. */
  async function noorsPendingChoice() {
    await registerFamily("fatima");
    const noor = await devToken({ role: "citizen", bsn: citizen("noor").bsn });
    const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit" };
    const recorded = (await (await callService("CONSENT", "POST", "/v1/me/choices", noor, choice)).expect(201, "Noor's choice")).json();
    expect(recorded.status).toBe("pending");
    const fatima = await devToken({ role: "citizen", bsn: citizen("fatima").bsn });
    const children = (await (await callService("CONSENT", "GET", "/v1/me/children", fatima)).expect(200, "Fatima's children")).json();
    const childId: string = children.items.find((k: { name: string }) => k.name === "Noor el Amrani").childId;
    return { childId, choiceId: recorded.id as string, code: recorded.confirmation.code as string };
  }

  it("lists the children, opens a child's choices and confirms a pending choice with the code", async () => {
    const { childId, choiceId, code } = await noorsPendingChoice();
    const b = await Browser.loggedIn("citizen:fatima");
    const kids = await b.open("/mijn/kinderen");
    expect(textOf(kids.html)).toContain("Noor el Amrani");
    expect(textOf(kids.html)).toContain("1 keuze wacht op uw bevestiging");
    expect(kids.html).toContain(`href="/mijn?kind=${childId}"`);

    const child = await b.open(`/mijn?kind=${childId}`);
    const text = textOf(child.html);
    expect(text).toContain("U regelt nu de keuzes van Noor el Amrani.");
    expect(text).toContain("Huisartsen mogen de medicatiegegevens van Noor delen met apotheken.");
    expect(text).toContain("Deze keuze telt pas als een ouder of voogd hem bevestigt.");
    // Noor is 12: she records her own choices; her mother confirms them but records, changes or withdraws nothing
    expect(text).toContain("Noor is 12 of ouder en legt de keuzes zelf vast.");
    expect(text).not.toContain("Nieuwe keuze vastleggen");
    expect(text).not.toContain("Intrekken");
    expect(textOf((await b.open("/mijn/kinderen")).html)).toContain("Keuzes van Noor el Amrani bekijken en bevestigen");

    const wrong = await b.post(`/mijn/kinderen/${childId}/bevestigen`, { _csrf: child.csrf, choiceId, code: code === "WRONGCOD" ? "WRONGCDE" : "WRONGCOD" });
    expect(wrong.status).toBe(400);
    const wrongHtml = await wrong.text();
    expect(textOf(wrongHtml)).toContain("Deze code klopt niet of is verlopen.");
    expect(wrongHtml).toContain('aria-invalid="true"');

    const ok = await b.post(`/mijn/kinderen/${childId}/bevestigen`, { _csrf: child.csrf, choiceId, code });
    expect(ok.status).toBe(303);
    const done = textOf(await b.follow(ok));
    expect(done).toContain("De keuze is bevestigd: Huisartsen mogen de medicatiegegevens van Noor delen met apotheken.");
    expect(done).not.toContain("Deze keuze telt pas als");
  });

  it("a citizen cannot act for someone else's child", async () => {
    const { childId } = await noorsPendingChoice();
    const b = await Browser.loggedIn("citizen:jan");
    expect((await b.get(`/mijn?kind=${childId}`)).status).toBe(403);
    expect((await b.get("/mijn?kind=not-an-id")).status).toBe(404);
  });
});
