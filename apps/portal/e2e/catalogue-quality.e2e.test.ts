/**
 * Issue 14 in a real browser against the real catalogue: the quality sort, the dataset page's quality section,
 * vocabulary labels instead of IRIs, alternate RDF links and schema.org JSON-LD; the publisher's harvest sources
 * and job history. axe on every page.
 */
import { describe, expect, it } from "vitest";
import { DatasetQuality } from "@regie/shared/contracts/catalogue";
import { clickAndExpectUrl, expectAccessible, browserPerFile, mainText, newPage, screenshot } from "./browser";
import { catalogue, devToken, loginAs, portal } from "./services";

const browser = browserPerFile();

describe("catalogue quality and labels in a real browser", () => {
  it("sorts by quality, and the dataset page shows its score, labels, alternate RDF forms and schema.org JSON-LD", async () => {
    const page = await newPage(browser());
    await page.goto(`${portal}/onderzoek`);
    await page.getByLabel("Sorteren op").selectOption("quality");
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Zoeken", exact: true }).click(), /sort=quality/);
    const scores = (await page.locator(".quality-hit").allInnerTexts()).map((s) => Number(/(\d+) van 405/.exec(s)![1]));
    expect(scores.length).toBe(10);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    await expectAccessible(page);
    await screenshot(page, "research-search-quality");

    const first = page.locator(".result h3 a").first();
    await clickAndExpectUrl(page, () => first.click(), /\/onderzoek\/datasets\//);
    const id = decodeURIComponent(page.url().split("/").pop()!);
    const text = await mainText(page);
    // the score the catalogue gives, with what would raise it
    const quality = DatasetQuality.parse(await (await fetch(`${catalogue}/v1/datasets/${encodeURIComponent(id)}/quality`)).json());
    expect(text).toContain(`${quality.score} van 405 punten`);
    expect(quality.score).toBe(scores[0]);
    expect(await page.locator(".quality-raise li").count()).toBe(quality.toRaise.length);
    // controlled vocabularies by their Dutch labels, the IRIs only as link targets
    const prop = (curie: string) => page.locator(`.props > .prop:has(> dt:has-text("(${curie})")) > dd`);
    expect((await prop("dct:type").innerText()).trim()).toBe("Statistische gegevens");
    expect(["Nederland", "België"]).toContain((await prop("dct:spatial").innerText()).trim());
    expect(await prop("dct:spatial").locator("a").getAttribute("href")).toMatch(/^http:\/\/publications\.europa\.eu\/resource\/authority\/country\/(NLD|BEL)$/);
    expect(await prop("dcatap:applicableLegislation").innerText()).toMatch(/Verordening \(EU\) 20\d\d\/\d+/);
    expect(await prop("dcatap:applicableLegislation").innerText()).not.toContain("http");
    // alternate links to every RDF form, each answering in its media type
    const alternates = await page
      .locator('head link[rel="alternate"]')
      .evaluateAll((ls) => ls.map((l) => [l.getAttribute("type"), (l as HTMLLinkElement).href]));
    expect(alternates.map((a) => a[0])).toEqual(["text/turtle", "application/ld+json", "application/rdf+xml"]);
    for (const [type, href] of alternates) expect((await page.request.get(href!)).headers()["content-type"]).toContain(type!);
    // schema.org Dataset as the browser reads it
    const ld = JSON.parse((await page.locator('script[type="application/ld+json"]').textContent())!) as Record<string, unknown>;
    expect(ld["@type"]).toBe("Dataset");
    expect(ld.url).toBe(page.url());
    expect((ld.name as { "@value": string }[]).map((n) => n["@value"])).toContain(await page.locator("h1").innerText());
    await expectAccessible(page);
    await screenshot(page, "research-dataset-quality");
    // and in English
    await page.goto(`${page.url()}?lang=en`);
    const en = await mainText(page);
    expect(en).toContain("What would raise the score");
    expect((await prop("dct:type").innerText()).trim()).toBe("Statistical data");
    expect(["Netherlands", "Belgium"]).toContain((await prop("dct:spatial").innerText()).trim());
    await expectAccessible(page);
    await page.context().close();
  });

  it("a publisher sees its harvest source and the job history of a run", async () => {
    // a source that refuses connections: its run fails, and says why
    const bearer = { authorization: `Bearer ${await devToken({ role: "publisher", publisherId: "nivel" })}`, "content-type": "application/json" };
    const created = await fetch(`${catalogue}/v1/harvest-sources`, {
      method: "POST",
      headers: bearer,
      body: JSON.stringify({ url: "http://127.0.0.1:9/catalog.ttl", kind: "dcat", title: "Nivel-testbron" }),
    });
    expect(created.status).toBe(201);
    const source = (await created.json()) as { id: string };
    const ran = await fetch(`${catalogue}/v1/harvest-sources/${source.id}/run`, { method: "POST", headers: bearer });
    expect(ran.status).toBe(200);

    const page = await newPage(browser());
    await loginAs(page, "Nivel", /\/datahouder$/);
    const list = await mainText(page);
    expect(list).toContain("Mijn oogstbronnen");
    expect(list).toContain("Nivel-testbron");
    expect(list).toContain("Mislukt");
    await expectAccessible(page);
    await screenshot(page, "publisher-harvest-sources");
    await clickAndExpectUrl(page, () => page.getByRole("link", { name: "Geschiedenis van Nivel-testbron" }).click(), /\/datahouder\/bronnen\//);
    const jobs = await mainText(page);
    expect(jobs).toContain("Geschiedenis: Nivel-testbron");
    expect(await page.locator("table.harvest-jobs tbody tr").count()).toBeGreaterThanOrEqual(1);
    expect(jobs).toContain("Fout:");
    await expectAccessible(page);
    await page.context().close();
  });
});
