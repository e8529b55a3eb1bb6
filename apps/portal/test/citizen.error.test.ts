import { describe, expect, it } from "vitest";
import { Browser, textOf } from "./helpers";
import { loadAddressBook } from "./services/consent";

describe("the choice form validates on the server and shows errors next to the fields", () => {
  it("keeps the input, marks the fields and links them from an error summary", async () => {
    await loadAddressBook();
    const b = await Browser.loggedIn("citizen:jan");
    const form = await b.open("/mijn/keuzes/nieuw");
    const res = await b.post("/mijn/keuzes", {
      _csrf: form.csrf,
      holder: "ura",
      holderSearch: "lin",
      requester: "",
      dataCategory: "GGC013",
      decision: "",
      validUntil: "31-12-2027",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    const text = textOf(html);
    expect(text).toContain("Er ging iets mis. Controleer dit:");
    // "one particular provider" without picking one from the search: the error points at the search field
    expect(html).toContain('href="#f-holderSearch"');
    expect(html).toMatch(
      /<input id="f-holderSearch" name="holderSearch" type="search" value="lin"[^>]*aria-invalid="true" aria-describedby="f-holderSearch-hint f-holderUra-error"/,
    );
    expect(html).toContain('id="f-holderUra-error">Zoek de zorgaanbieder die de gegevens heeft en kies er een uit de lijst.');
    expect(html).toContain('id="f-requester-error">Kies met wie de gegevens gedeeld mogen worden.');
    expect(html).toContain('id="f-decision-error">Kies of dit mag of niet.');
    expect(html).toContain('id="f-validUntil-error">Vul een geldige datum in');
    expect(html).toMatch(/<input type="radio" id="f-dataCategory-2" name="dataCategory" value="GGC013" checked/);
    // nothing was recorded
    expect(textOf((await b.open("/mijn")).html)).toContain("U heeft nog geen keuzes vastgelegd.");
  });

  it("an unknown choice id gives a 404 page, not an error", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const res = await b.get("/mijn/keuzes/does-not-exist/wijzigen");
    expect(res.status).toBe(404);
    expect(textOf(await res.text())).toContain("Deze pagina bestaat niet.");
  });

  it("a malformed opt-out value is refused with 400", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const page = await b.open("/mijn/onderzoek");
    expect((await b.post("/mijn/onderzoek", { _csrf: page.csrf, optOut: "maybe" })).status).toBe(400);
  });
});
