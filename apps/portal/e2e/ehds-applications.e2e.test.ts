/**
 * The EHDS application flow in Chromium against the three running workers: a researcher drafts an application,
 * leaves and comes back, uploads a PDF, invites a collaborator who edits it, and submits; the HDAB asks for
 * information; the researcher answers; the HDAB approves with conditions; the permit is in the public register;
 * another researcher cannot read the document; axe passes on every page on the way.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { clickAndExpectUrl, expectAccessible, browserPerFile, mainText, newPage, screenshot } from "./browser";
import { catalogue, loginAs, portal } from "./services";

const PDF = Buffer.from("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");

const browser = browserPerFile();

/** Logs in on the way to `path` and expects to land there. */
async function loginAt(page: Page, path: string, name: string) {
  await loginAs(page, name, new RegExp(`${path.replace(/[/.]/g, "\\$&")}$`), path);
}

async function submitForm(page: Page, button: string, url: RegExp) {
  await clickAndExpectUrl(page, () => page.getByRole("button", { name: button }).click(), url);
}

describe("EHDS data access: draft to permit in a real browser", () => {
  it("drafts, uploads, collaborates, submits; the HDAB asks, the researcher answers, the HDAB approves; the register shows the permit", async () => {
    const search = (await (await fetch(`${catalogue}/v1/datasets?limit=1`)).json()) as { items: { id: string }[] };
    const datasetId = search.items[0]!.id;
    const anna = await newPage(browser());
    await loginAt(anna, `/onderzoek/datasets/${encodeURIComponent(datasetId)}/aanvragen`, "Dr. Anna Visser");
    await expectAccessible(anna);
    await submitForm(anna, "Concept beginnen", /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    const appUrl = anna.url();
    const appPath = new URL(appUrl).pathname;
    expect(await mainText(anna)).toContain("Uw concept is bewaard.");
    await expectAccessible(anna);

    // a first part, saved
    await anna.getByLabel("E-mailadres", { exact: true }).fill("anna.visser@erasmusmc.nl");
    await anna.getByLabel("Doel").selectOption("SCIENTIFIC_RESEARCH");
    await anna.getByLabel("Beschrijf uw onderzoek").fill("Overleving na een kankerdiagnose, per regio en leeftijdsgroep.");
    await anna.getByLabel("Welke gegevens heeft u nodig?").fill("Diagnosejaar, regio, leeftijdsgroep, overleving na 5 jaar");
    await submitForm(anna, "Concept bewaren", /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);

    // leave and come back through "Mijn aanvragen"
    await anna.goto(`${portal}/onderzoek`);
    await clickAndExpectUrl(anna, () => anna.getByRole("link", { name: "Mijn aanvragen" }).first().click(), /\/onderzoek\/aanvragen$/);
    expect(await mainText(anna)).toContain("Concept");
    await expectAccessible(anna);
    await clickAndExpectUrl(anna, () => anna.locator(`main a[href="${appPath}"]`).click(), /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    expect(await anna.getByLabel("Beschrijf uw onderzoek").inputValue()).toBe("Overleving na een kankerdiagnose, per regio en leeftijdsgroep.");

    // submitting too early lists what is missing
    await clickAndExpectUrl(anna, () => anna.getByRole("button", { name: "Indienen bij de HDAB" }).click(), /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    expect(await mainText(anna)).toContain("De aanvraag is nog niet compleet.");
    await expectAccessible(anna);

    // the METC decision as a PDF
    await anna.setInputFiles("#f-file", { name: "METC-besluit.pdf", mimeType: "application/pdf", buffer: PDF });
    await submitForm(anna, "Document uploaden", /\/onderzoek\/aanvragen\/[0-9a-f-]+/);
    expect(await mainText(anna)).toContain("Het document is toegevoegd.");
    const fileHref = await anna.locator('main a[href*="/bijlagen/"]').first().getAttribute("href");
    expect(fileHref).toBeTruthy();
    const download = await anna.request.get(`${portal}${fileHref}`);
    expect(download.status()).toBe(200);
    expect((await download.body()).subarray(0, 5).toString()).toBe("%PDF-");
    await expectAccessible(anna);

    // invite Tom, who fills in the rest
    await anna.getByLabel("Onderzoekers-ID van de medeonderzoeker").fill("researcher-tom");
    await anna.getByLabel("Naam van de medeonderzoeker").fill("Tom Peeters");
    await anna.getByLabel("E-mailadres van de medeonderzoeker").fill("tom.peeters@maastrichtuniversity.example");
    await submitForm(anna, "Medeonderzoeker uitnodigen", /\/onderzoek\/aanvragen\/[0-9a-f-]+/);
    expect(await mainText(anna)).toContain("De medeonderzoeker is toegevoegd.");

    const tom = await newPage(browser());
    await loginAt(tom, appPath, "Tom Peeters");
    expect(await mainText(tom)).toContain("U bent medeonderzoeker op deze aanvraag.");
    expect(await tom.getByRole("button", { name: "Indienen bij de HDAB" }).count()).toBe(0);
    await tom.getByLabel("Rechtsgrond").selectOption("PUBLIC_TASK");
    await tom.getByLabel("Hoe beschermt u de gegevens?").fill("Alleen in de beveiligde verwerkingsomgeving; geen export van microdata.");
    await tom.getByLabel("Verwachte resultaten").fill("Overlevingscurven per regio in een wetenschappelijk artikel.");
    await tom.getByLabel("Hoe lang heeft u de gegevens nodig? (maanden)").fill("24");
    await tom.locator("#f-ethicsAssessmentRequired").getByLabel("Ja").check();
    await tom.getByLabel("Kenmerk van het besluit van de ethische commissie").fill("METC 2026-0412");
    await tom.getByLabel("Geanonimiseerd", { exact: true }).check();
    await tom.getByLabel("In welke beveiligde omgeving werkt u?").fill("Beveiligde verwerkingsomgeving van de HDAB");
    await tom.getByLabel(/Ik verklaar dat de gegevens niet worden gebruikt/).check();
    await submitForm(tom, "Concept bewaren", /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    expect(await mainText(tom)).toContain("Bewaard.");
    await expectAccessible(tom);

    // another researcher sees neither the application nor the document
    const eva = await newPage(browser());
    await loginAs(eva, "Eva de Jong", /.*/);
    expect((await eva.goto(`${portal}${appPath}`))!.status()).toBe(404);
    expect((await eva.request.get(`${portal}${fileHref}`)).status()).toBe(404);
    await eva.context().close();

    // Anna submits
    await anna.goto(appUrl);
    await submitForm(anna, "Indienen bij de HDAB", /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    let text = await mainText(anna);
    expect(text).toContain("Uw aanvraag is ingediend.");
    expect(text).toContain("De HDAB beslist uiterlijk op");
    await expectAccessible(anna);
    await screenshot(anna, "ehds-application-submitted");

    // the HDAB's queue with deadlines; it asks for information
    const hdab = await newPage(browser());
    await loginAs(hdab, "Health Data Access Body Nederland", /\/hdab$/);
    text = await mainText(hdab);
    expect(text).toContain("Dr. Anna Visser (Erasmus MC)");
    expect(text).toMatch(/nog \d+ dagen/);
    await expectAccessible(hdab);
    await screenshot(hdab, "ehds-hdab-queue");
    const appId = appPath.split("/").pop()!;
    await clickAndExpectUrl(hdab, () => hdab.locator(`main a[href="/hdab/aanvragen/${appId}"]`).click(), /\/hdab\/aanvragen\//);
    expect(await mainText(hdab)).toContain("METC-besluit.pdf");
    await expectAccessible(hdab);
    const hdabFile = await hdab.request.get(`${portal}/hdab/aanvragen/${appId}/bijlagen/${fileHref!.split("/").pop()}`);
    expect(hdabFile.status()).toBe(200);
    await hdab.getByLabel("De aanvrager om informatie vragen").check();
    await hdab.getByLabel("Vraag aan de aanvrager").fill("Welke diagnosejaren heeft u precies nodig?");
    await submitForm(hdab, "Besluit opslaan", /\/hdab\/aanvragen\//);
    expect(await mainText(hdab)).toContain("Opgeslagen. De aanvraag is nu: Informatie gevraagd.");

    // the researcher answers (the clock stops meanwhile)
    await anna.goto(appUrl);
    text = await mainText(anna);
    expect(text).toContain("Welke diagnosejaren heeft u precies nodig?");
    expect(text).toContain("De beslistermijn staat stil tot u antwoordt.");
    await expectAccessible(anna);
    await anna.getByLabel("Uw antwoord").fill("De diagnosejaren 2010 tot en met 2024.");
    await submitForm(anna, "Antwoord versturen", /\/onderzoek\/aanvragen\/[0-9a-f-]+$/);
    expect(await mainText(anna)).toContain("Uw antwoord is verstuurd.");

    // the HDAB approves with conditions
    await hdab.goto(`${portal}/hdab/aanvragen/${appId}`);
    expect(await mainText(hdab)).toContain("De diagnosejaren 2010 tot en met 2024.");
    await hdab.getByLabel("Goedkeuren en vergunning verlenen").check();
    await hdab.getByLabel("Voorwaarden van de vergunning").fill("Geen export van microdata\nResultaten publiceren binnen 12 maanden");
    await hdab.getByLabel("Toelichting").fill("Voldoet aan de voorwaarden van artikel 68 EHDS.");
    await submitForm(hdab, "Besluit opslaan", /\/hdab\/aanvragen\//);
    expect(await mainText(hdab)).toContain("Opgeslagen. De aanvraag is nu: Goedgekeurd.");
    await expectAccessible(hdab);
    await hdab.context().close();

    // the researcher reads the permit
    await anna.goto(appUrl);
    await clickAndExpectUrl(anna, () => anna.getByRole("link", { name: /Vergunning EHDS-NL-\d{4}-[0-9A-F]{8} lezen/ }).click(), /\/vergunningen\/EHDS-NL-/);
    const permitId = anna.url().split("/").pop()!;
    text = await mainText(anna);
    expect(text).toContain("Geen export van microdata");
    expect(text).toContain("Beveiligde verwerkingsomgeving van de HDAB");
    expect(text).toContain("Geldig");
    await expectAccessible(anna);
    await screenshot(anna, "ehds-permit");

    // the collaborator was notified
    await tom.goto(`${portal}/onderzoek/meldingen`);
    expect(await mainText(tom)).toContain("Goedgekeurd");
    await expectAccessible(tom);
    await tom.context().close();

    // the public register, without logging in, names the organisation and no person
    const visitor = await newPage(browser());
    await visitor.goto(`${portal}/register`);
    text = await mainText(visitor);
    expect(text).toContain(permitId);
    expect(text).toContain("Erasmus MC");
    expect(text).not.toContain("Anna Visser");
    await expectAccessible(visitor);
    await screenshot(visitor, "ehds-register");
    await visitor.goto(`${portal}/register?lang=en`);
    expect(await mainText(visitor)).toContain("Public register of data permits");
    await expectAccessible(visitor);
    await visitor.goto(`${portal}/vergunningen/${permitId}?lang=en`);
    expect(await mainText(visitor)).toContain("Conditions of the permit");
    await expectAccessible(visitor);
    const api = (await (await fetch(`${catalogue}/v1/permits/${permitId}`)).json()) as { status: string; conditions: string[] };
    expect(api).toMatchObject({ status: "active", conditions: ["Geen export van microdata", "Resultaten publiceren binnen 12 maanden"] });
    await visitor.context().close();
    await anna.context().close();
  });
});
