/** The choice form's provider search without JavaScript (the search button posts the form) and its fragment route. */
import { describe, expect, it } from "vitest";
import { Browser, textOf } from "./helpers";
import { loadAddressBook } from "./services/consent";

const base = { holder: "huisarts", holderSearch: "", requester: "", requesterSearch: "", dataCategory: "GGC002", decision: "deny", validUntil: "" };

describe("choosing one particular provider by name and place", () => {
  it("searches on the server, shows the results to pick from, and records the choice by name", async () => {
    await loadAddressBook();
    const b = await Browser.loggedIn("citizen:daan");
    const form = await b.open("/mijn/keuzes/nieuw");
    expect(form.html).toContain('name="requesterSearch"');
    expect(form.html).not.toContain('inputmode="numeric"');

    const searched = await b.post("/mijn/keuzes", { _csrf: form.csrf, ...base, requesterSearch: "rivierenland", action: "search-requester" });
    expect(searched.status).toBe(200);
    const html = await searched.text();
    // the side switches to "one particular provider", the rest of the form is kept
    expect(html).toMatch(/<select id="f-requester"[\s\S]*?<option value="ura" selected/);
    expect(html).toMatch(/<input type="radio" id="f-dataCategory-0" name="dataCategory" value="GGC002" checked/);
    expect(textOf(html)).toContain("Kies de zorgaanbieder (gevonden voor 'rivierenland')");
    expect(html).toMatch(/<input type="radio" id="f-requesterUra" name="requesterUra" value="00002002"/);
    expect(textOf(html)).toContain("Ziekenhuis Rivierenland in Tiel");

    const csrf = /name="_csrf" value="([^"]+)"/.exec(html)![1]!;
    const saved = await b.post("/mijn/keuzes", { _csrf: csrf, ...base, requester: "ura", requesterSearch: "rivierenland", requesterUra: "00002002" });
    expect(saved.status).toBe(303);
    const overview = textOf(await b.follow(saved));
    expect(overview).toContain("Huisartsen mogen uw behandelgegevens niet delen met Ziekenhuis Rivierenland in Tiel.");
    expect(overview).not.toContain("URA-nummer");
  });

  it("says so when nothing is found, and serves the same result list as a fragment for the script", async () => {
    await loadAddressBook();
    const b = await Browser.loggedIn("citizen:daan");
    const form = await b.open("/mijn/keuzes/nieuw");
    const none = await b.post("/mijn/keuzes", { _csrf: form.csrf, ...base, holder: "", holderSearch: "xyzzy", action: "search-holder" });
    expect(textOf(await none.text())).toContain("Geen zorgaanbieder gevonden voor 'xyzzy'.");

    const fragment = await b.get("/mijn/zorgaanbieders?side=holder&q=utrecht");
    expect(fragment.status).toBe(200);
    const text = await fragment.text();
    expect(text).not.toContain("<html");
    expect(text).toContain('name="holderUra" value="00002003"');
    expect(textOf(text)).toContain("UMC Utrecht in Utrecht");
  });
});
