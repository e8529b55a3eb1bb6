/**
 * The address book in a real browser: a citizen finds "one particular provider" by name, with and without
 * JavaScript, records a deny for it, and reads the provider's name (never only a URA) in the overview and the access log.
 */
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { clickAndExpectUrl, expectAccessible, browserPerFile, mainText, newPage, screenshot } from "./browser";
import { consentCheck, loginAs, portal } from "./services";

const ziekenhuis = DEMO_PROVIDERS.find((p) => p.key === "ziekenhuis")!;
const huisarts = DEMO_PROVIDERS.find((p) => p.key === "huisarts")!;
const LABEL = "Ziekenhuis Rivierenland in Tiel";
const SENTENCE = `Huisartsen mogen uw behandelgegevens niet delen met ${LABEL}.`;

const browser = browserPerFile();

async function fillTheRest(page: Page) {
  await page.getByLabel("Wie heeft de gegevens?").selectOption("huisarts");
  await page.getByLabel("Behandelgegevens").check();
  await page.getByLabel("Nee, dit mag niet").check();
}

/** axe needs script in the page: a page without JavaScript is checked in the JavaScript run (same server HTML). */
async function expectNamesShown(page: Page, bsn: string, axe = true) {
  await page.waitForURL(/\/mijn$/);
  const overview = await mainText(page);
  expect(overview).toContain(`Uw keuze is opgeslagen: ${SENTENCE}`);
  expect(await page.locator(".choice-sentence", { hasText: SENTENCE }).count()).toBe(1);
  expect(overview).not.toContain("URA-nummer");
  if (axe) await expectAccessible(page);

  // Ziekenhuis Rivierenland asks the closed question about the citizen (it lands in their access log)
  expect(await consentCheck(bsn, huisarts, ziekenhuis, "GGC002")).toBe("deny");
  await page.getByRole("link", { name: "Wie vroeg naar mij" }).click();
  const log = await mainText(page);
  expect(log).toContain(LABEL);
  expect(log).toContain(`URA ${ziekenhuis.ura}`);
  if (axe) await expectAccessible(page);
}

describe("choosing one particular provider by name", () => {
  it("with JavaScript: suggestions while typing 'rivierenland', pick Ziekenhuis Rivierenland, deny, its name everywhere", async () => {
    const daan = DEMO_CITIZENS.find((p) => p.key === "daan")!;
    const page = await newPage(browser());
    // the machine running the suite may be busy: the search answers in milliseconds, the page around it may not
    page.setDefaultTimeout(60_000);
    await loginAs(page, daan.name);
    await page.getByRole("link", { name: "Nieuwe keuze vastleggen" }).click();
    await expectAccessible(page);
    await fillTheRest(page);
    await page.getByRole("searchbox", { name: "Zoek de zorgaanbieder die de gegevens wil inzien" }).pressSequentially("rivierenland", { delay: 30 });
    // the suggestions arrive without a page load
    const pick = page.getByLabel(LABEL, { exact: true });
    await pick.waitFor({ state: "visible", timeout: 60_000 });
    expect(page.url()).toMatch(/\/mijn\/keuzes\/nieuw$/);
    expect(await mainText(page)).toContain("Apotheek Rivierenland in Culemborg");
    await pick.check();
    expect(await page.getByLabel("Met wie mogen de gegevens gedeeld worden?").inputValue()).toBe("ura");
    await expectAccessible(page);
    await screenshot(page, "citizen-provider-search");
    // the search button's server-rendered results page passes axe too (the no-JavaScript page, in a browser where axe can run)
    await clickAndExpectUrl(
      page,
      () => page.getByRole("button", { name: "Zoeken: Zoek de zorgaanbieder die de gegevens wil inzien" }).click(),
      /\/mijn\/keuzes$/,
    );
    expect(await page.getByLabel(LABEL, { exact: true }).isVisible()).toBe(true);
    await expectAccessible(page);
    await page.getByLabel(LABEL, { exact: true }).check();
    await page.getByRole("button", { name: "Keuze opslaan" }).click();
    await expectNamesShown(page, daan.bsn);
  });

  it("without JavaScript: the search button shows the results on the page, pick, deny, its name everywhere", async () => {
    const wilma = DEMO_CITIZENS.find((p) => p.key === "wilma")!;
    const context = await browser().newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 }, locale: "nl-NL" });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await loginAs(page, wilma.name);
    await page.goto(`${portal}/mijn/keuzes/nieuw`);
    await fillTheRest(page);
    await page.getByRole("searchbox", { name: "Zoek de zorgaanbieder die de gegevens wil inzien" }).fill("rivierenland");
    await clickAndExpectUrl(
      page,
      () => page.getByRole("button", { name: "Zoeken: Zoek de zorgaanbieder die de gegevens wil inzien" }).click(),
      /\/mijn\/keuzes$/,
    );
    // the form came back with everything kept and the results to pick from
    expect(await page.getByLabel("Nee, dit mag niet").isChecked()).toBe(true);
    expect(await page.getByLabel("Met wie mogen de gegevens gedeeld worden?").inputValue()).toBe("ura");
    await page.getByLabel(LABEL, { exact: true }).check();
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Keuze opslaan" }).click(), /\/mijn$/);
    await expectNamesShown(page, wilma.bsn, false);
    await context.close();
  });
});
