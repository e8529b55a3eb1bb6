import { describe, expect, it } from "vitest";
import { clickAndExpectUrl, expectAccessible, browserPerFile, mainText, newPage, screenshot } from "./browser";
import { catalogue, clickLogin, portal } from "./services";

const browser = browserPerFile();

function resultCount(text: string): number {
  const m = /(\d+) datasets? gevonden/.exec(text);
  if (!m) throw new Error(`no result count in: ${text.slice(0, 300)}`);
  return Number(m[1]);
}

describe("researcher and HDAB in a real browser", () => {
  it("searches, narrows by a facet, opens a dataset and is led to a draft application after logging in", async () => {
    const page = await newPage(browser());

    // search with the search box
    await page.goto(`${portal}/onderzoek`);
    await expectAccessible(page);
    const all = resultCount(await mainText(page));
    // paging forward and back to the first page
    const firstOnPage1 = await page.locator(".result h3 a").first().innerText();
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: "Volgende pagina" }).click(), /cursor=.*page=2/);
    expect(await mainText(page)).toContain("Pagina 2");
    expect(await page.locator(".result h3 a").first().innerText()).not.toBe(firstOnPage1);
    expect(await page.locator(".result").count()).toBe(10);
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: "Eerste pagina" }).click(), /\/onderzoek$/);
    expect(await page.locator(".result h3 a").first().innerText()).toBe(firstOnPage1);
    await page.getByLabel("Zoekwoorden").fill("kanker");
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Zoeken", exact: true }).click(), /q=kanker/);
    const found = resultCount(await mainText(page));
    expect(found).toBeGreaterThan(1);
    expect(found).toBeLessThan(all);
    expect(await page.locator(".result mark").count()).toBeGreaterThan(0);
    await expectAccessible(page);
    await screenshot(page, "research-search");

    // narrow by a facet: the count next to the value is the number of results we get (enhanced: submits on change)
    const facet = page.locator('fieldset.facet:has(legend:text-is("Uitgever")) .checkbox').first();
    const label = await facet.locator("label").innerText();
    const expected = Number(/\((\d+)\)\s*$/.exec(label)![1]);
    await clickAndExpectUrl(page, () => facet.locator("input").check(), /publisher=/);
    const narrowed = resultCount(await mainText(page));
    expect(narrowed).toBe(expected);
    expect(narrowed).toBeLessThan(found);
    expect(await facet.locator("input").isChecked()).toBe(true);
    await expectAccessible(page);
    await screenshot(page, "research-search-facet");

    // open a dataset
    const first = page.locator(".result h3 a").first();
    const title = (await first.innerText()).trim();
    await clickAndExpectUrl(page, () => first.click(), /\/onderzoek\/datasets\//);
    expect(await page.locator("h1").innerText()).toBe(title);
    const details = await mainText(page);
    for (const property of [
      "dct:accessRights",
      "healthdcatap:hdab",
      "healthdcatap:healthCategory",
      "dcat:distribution",
      "dct:provenance",
      "dcat:contactPoint",
    ]) {
      expect(details).toContain(property);
    }
    await expectAccessible(page);
    await screenshot(page, "research-dataset");
    const datasetUrl = page.url();
    const id = decodeURIComponent(datasetUrl.split("/").pop()!);

    // the metadata links give the catalogue's own Turtle and JSON-LD
    const turtle = await page.request.get(`${datasetUrl}/metadata.ttl`);
    expect(turtle.headers()["content-type"]).toContain("text/turtle");
    const direct = await fetch(`${catalogue}/v1/datasets/${encodeURIComponent(id)}`, { headers: { accept: "text/turtle" } });
    // the same document (blank-node labels are minted per serialisation, so they are normalised)
    const bnodes = (ttl: string) => ttl.replace(/_:[A-Za-z0-9_-]+/g, "_:b");
    const viaPortal = await turtle.text();
    expect(viaPortal).toContain("dcat:Dataset");
    expect(bnodes(viaPortal)).toBe(bnodes(await direct.text()));
    const jsonld = await page.request.get(`${datasetUrl}/metadata.jsonld`);
    expect(jsonld.headers()["content-type"]).toContain("application/ld+json");

    // apply: log in first, then back to the start of a draft (the whole application flow: ehds-applications.e2e.test.ts)
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: "Toegang aanvragen" }).click(), /\/inloggen\?next=/);
    await clickLogin(page, "Dr. Anna Visser", /\/aanvragen$/);
    expect(await mainText(page)).toContain("Een aanvraag beginnen");
    await expectAccessible(page);
    await page.context().close();
  });

  it("the provider page links each service's API reference; error and English pages pass axe too", async () => {
    const page = await newPage(browser());
    await page.goto(`${portal}/zorgaanbieders`);
    await expectAccessible(page);
    await screenshot(page, "providers");
    const links = await page.locator('main a[href$="/docs"]').evaluateAll((as) => as.map((a) => (a as HTMLAnchorElement).href));
    expect(links).toHaveLength(2);
    for (const href of links) {
      const res = await fetch(href.replace("localhost", "127.0.0.1"));
      expect(res.status).toBe(200);
    }
    // an unknown page is an accessible error page with a 404
    const missing = await page.goto(`${portal}/bestaat-niet`);
    expect(missing!.status()).toBe(404);
    expect(await mainText(page)).toContain("Deze pagina bestaat niet.");
    await expectAccessible(page);
    // the search in English
    await page.goto(`${portal}/onderzoek?q=cancer&lang=en`);
    expect(await mainText(page)).toMatch(/\d+ datasets? found/);
    await expectAccessible(page);
    await screenshot(page, "research-search-en");
    await page.context().close();
  });
});
