import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { clickAndExpectUrl, expectAccessible, browserPerFile, mainText, newPage, screenshot } from "./browser";
import { clickLogin, consentCheck, loginAs, portal } from "./services";

const jan = DEMO_CITIZENS.find((p) => p.key === "jan")!;
const ziekenhuis = DEMO_PROVIDERS.find((p) => p.key === "ziekenhuis")!;
const lab = DEMO_PROVIDERS.find((p) => p.key === "lab")!;

const browser = browserPerFile();

/** Fills the open choice form: this holder may share results with this requester; saves and waits for the overview. */
async function permitResults(page: Page, holder: string, requester: string) {
  await page.getByLabel("Wie heeft de gegevens?").selectOption(holder);
  await page.getByLabel("Met wie mogen de gegevens gedeeld worden?").selectOption(requester);
  await page.getByLabel("Uitslagen").check();
  await page.getByLabel("Ja, dit mag").check();
  await page.getByRole("button", { name: "Keuze opslaan" }).click();
  await page.waitForURL(/\/mijn$/);
}

describe("citizen in a real browser", () => {
  it("logs in, records a choice, sees it, withdraws it, and sees a provider's check in the access log", async () => {
    const page = await newPage(browser());
    await page.goto(`${portal}/`);
    await expectAccessible(page);
    await screenshot(page, "home");

    await page.goto(`${portal}/inloggen`);
    await expectAccessible(page);
    await screenshot(page, "login");
    await clickLogin(page, jan.name, /\/mijn$/);
    // the Secure session cookie was accepted over http://localhost and is HttpOnly
    const cookie = (await page.context().cookies()).find((c) => c.name === "regie_session")!;
    expect(cookie).toMatchObject({ httpOnly: true, secure: true, sameSite: "Lax" });
    expect(await mainText(page)).toContain(`U bent ingelogd als ${jan.name}.`);
    await expectAccessible(page);

    // record: the form first refuses an empty submit, with errors next to the fields
    await page.getByRole("link", { name: "Nieuwe keuze vastleggen" }).click();
    await expectAccessible(page);
    await page.getByRole("button", { name: "Keuze opslaan" }).click();
    await expect.poll(() => page.locator("#error-summary").isVisible()).toBe(true);
    expect(await page.locator("#f-holder").getAttribute("aria-invalid")).toBe("true");
    await expectAccessible(page);
    await screenshot(page, "citizen-choice-form-errors");

    await permitResults(page, "ziekenhuis", "laboratorium");
    const sentence = "Ziekenhuizen mogen uw uitslagen delen met laboratoria.";
    expect(await mainText(page)).toContain(`Uw keuze is opgeslagen: ${sentence}`);
    expect(await page.locator(".choice-sentence", { hasText: sentence }).count()).toBe(1);
    await expectAccessible(page);
    await screenshot(page, "citizen-choices");

    // a provider's question is answered with this choice and shows up in "who asked about me"
    expect(await consentCheck(jan.bsn, ziekenhuis, lab, "GGC012")).toBe("permit");
    await page.getByRole("link", { name: "Wie vroeg naar mij" }).click();
    const log = await mainText(page);
    expect(log).toContain(`URA ${lab.ura}`);
    expect(log).toContain("Vroeg of gegevens gedeeld mogen worden over uitslagen (voor behandeling)");
    expect(log).toContain("Toegestaan");
    await expectAccessible(page);
    await screenshot(page, "citizen-access-log");

    // change: give it an end date
    await page.getByRole("link", { name: "Mijn keuzes" }).first().click();
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: `Wijzigen: ${sentence}` }).click(), /\/wijzigen$/);
    expect(await page.getByLabel("Wie heeft de gegevens?").inputValue()).toBe("ziekenhuis");
    await expectAccessible(page);
    await page.getByLabel("Tot en met wanneer geldt deze keuze?").fill("2027-06-30");
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Wijziging opslaan" }).click(), /\/mijn$/);
    const changed = `${sentence} Dit geldt tot en met 30 juni 2027.`;
    expect(await mainText(page)).toContain(`Uw keuze is gewijzigd: ${changed}`);

    // withdraw
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: `Intrekken: ${changed}` }).click(), /\/intrekken$/);
    await expectAccessible(page);
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Ja, keuze intrekken" }).click(), /\/mijn$/);
    expect(await mainText(page)).toContain(`Uw keuze is ingetrokken: ${changed}`);
    expect(await page.locator(".choice-sentence", { hasText: sentence }).count()).toBe(0);

    // the same question is now denied, and both questions are in the log
    expect(await consentCheck(jan.bsn, ziekenhuis, lab, "GGC012")).toBe("deny");
    await page.getByRole("link", { name: "Wie vroeg naar mij" }).click();
    expect(await mainText(page)).toContain("Geweigerd");

    await page.getByRole("link", { name: "Geschiedenis" }).click();
    const history = await mainText(page);
    for (const step of ["Vastgelegd", "Gewijzigd", "Ingetrokken"]) expect(history).toContain(step);
    await expectAccessible(page);
    await screenshot(page, "citizen-history");

    await page.getByRole("link", { name: "Berichten" }).click();
    await expectAccessible(page);

    await page.getByRole("link", { name: "Onderzoek en beleid" }).click();
    await expectAccessible(page);
    await screenshot(page, "citizen-secondary-use");
    await page.getByRole("button", { name: "Bezwaar maken" }).click();
    expect(await mainText(page)).toContain("Uw bezwaar is opgeslagen.");
    await page.getByRole("button", { name: "Bezwaar intrekken" }).click();
    expect(await mainText(page)).toContain("Uw bezwaar is ingetrokken.");

    // English
    await page.getByRole("link", { name: "Read this page in English" }).click();
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await mainText(page)).toContain("Using your data for research and policy");
    await expectAccessible(page);
    await page.getByRole("link", { name: "My choices" }).first().click();
    await expectAccessible(page);
    await screenshot(page, "citizen-choices-en");
    await page.context().close();
  });

  it("a child of 12 records a choice; the guardian confirms it with the code and cannot record for her", async () => {
    // Noor (12) records a choice herself: it waits for a parent's confirmation, with a code
    const child = await newPage(browser());
    await loginAs(child, "Noor el Amrani");
    await child.getByRole("link", { name: "Nieuwe keuze vastleggen" }).click();
    await permitResults(child, "tandarts", "huisarts");
    const flash = await mainText(child);
    expect(flash).toContain("Een ouder of voogd moet deze keuze nog bevestigen.");
    const code = /Geef hem of haar deze code: (\S+)/.exec(flash)![1]!;
    expect(flash).toContain("Deze keuze telt pas als een ouder of voogd hem bevestigt.");
    await expectAccessible(child);
    await child.context().close();

    const page = await newPage(browser());
    await loginAs(page, "Fatima el Amrani");
    await page.getByRole("link", { name: "Mijn kinderen" }).click();
    expect(await mainText(page)).toContain("Noor el Amrani");
    await expectAccessible(page);
    await screenshot(page, "guardian-children");
    expect(await mainText(page)).toContain("Van 12 tot 16 jaar legt uw kind ze zelf vast");
    await page.getByRole("link", { name: "Keuzes van Noor el Amrani bekijken en bevestigen" }).click();
    expect(await mainText(page)).toContain("U regelt nu de keuzes van Noor el Amrani.");
    await expectAccessible(page);
    await screenshot(page, "guardian-confirm-code");
    await page.getByLabel("Bevestigingscode").fill("WRONG-CODE");
    await page.getByRole("button", { name: "Bevestigen" }).click();
    expect(await mainText(page)).toContain("Deze code klopt niet of is verlopen.");
    await expectAccessible(page);
    await page.getByLabel("Bevestigingscode").fill(code);
    await page.getByRole("button", { name: "Bevestigen" }).click();
    await page.waitForURL(/\/mijn\?kind=/);
    expect(await mainText(page)).toContain("De keuze is bevestigd: Tandartsen mogen de uitslagen van Noor delen met huisartsen.");
    // Noor is 12: her mother confirms her choices but cannot record one for her (Mitz: from 12 the child records)
    const after = await mainText(page);
    expect(after).toContain("Noor is 12 of ouder en legt de keuzes zelf vast.");
    expect(after).toContain("U regelt nu de keuzes van Noor el Amrani.");
    expect(await page.getByRole("link", { name: "Nieuwe keuze vastleggen" }).count()).toBe(0);
    await expectAccessible(page);
    await page.context().close();
  });
});
