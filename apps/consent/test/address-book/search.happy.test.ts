/** The address book's search and read (/v1/organisations), after an operator load of an mCSD Bundle. */
import { beforeAll, describe, expect, it } from "vitest";
import { call, citizenToken, providerToken } from "../helpers";
import { bundle, loadAddressBook, org } from "./bundles";

const ORGS = [
  org("o1", "61000001", "Ziekenhuis Rivierenland", "V6", "Tiel", [
    { id: "e1", address: "https://fhir.zrt.example/fhir" },
    { id: "e1n", address: "https://fhir.zrt.example/notify", notification: true },
  ]),
  org("o2", "61000002", "Apotheek De Rivier", "J8", "Culemborg"),
  org("o3", "61000003", "Huisartsenpraktijk Rivierenland-Oost", "Z3", "Geldermalsen"),
  org("o4", "61000004", "Helios Spital Überlingen", "V4", "Überlingen"),
  org("o5", "61000005", "GGZ Rivierenland", "G5", "Tiel"),
  org("o6", "61000006", "Tandartspraktijk Tielerwaard", "H1", "Tiel"),
  { ...org("o7", "61000007", "Gesloten Apotheek Rivierenland", "J8", "Tiel"), active: false },
];

let citizen: string;
const search = async (qs: string, token = citizen) => call("GET", `/v1/organisations?${qs}`, token);
const uras = (r: { body: { items: { ura: string }[] } }) => r.body.items.map((o) => o.ura);

beforeAll(async () => {
  citizen = await citizenToken("999990007");
  const r = await loadAddressBook(bundle(...ORGS));
  expect(r.status).toBe(200);
  expect(r.body.added).toHaveLength(ORGS.length);
});

describe("GET /v1/organisations", () => {
  it("finds by a partial word of the name, ranked, without closed organisations", async () => {
    const r = await search("q=rivieren");
    expect(r.status).toBe(200);
    expect(uras(r)).toEqual(expect.arrayContaining(["61000001", "61000003", "61000005"]));
    expect(uras(r)).not.toContain("61000007");
    // a name that starts with the query ranks first
    const ggz = await search("q=ggz rivier");
    expect(uras(ggz)[0]).toBe("61000005");
    // the shorter, exact-word name outranks a longer one with the same word
    const exact = await search("q=rivierenland");
    expect(uras(exact).indexOf("61000005")).toBeLessThan(uras(exact).indexOf("61000003"));
  });

  it("finds by place, alone or together with a word of the name", async () => {
    const tiel = await search("place=tiel");
    expect(uras(tiel).sort()).toEqual(["61000001", "61000005", "61000006"]);
    const both = await search("q=rivierenland&place=Tiel");
    expect(uras(both).sort()).toEqual(["61000001", "61000005"]);
    // q also matches the place
    expect(uras(await search("q=culemborg"))).toEqual(["61000002"]);
  });

  it("ignores case and diacritics: 'uberlingen' finds Überlingen, 'ÜBERL' too", async () => {
    expect(uras(await search("q=uberlingen"))).toEqual(["61000004"]);
    expect(uras(await search(`q=${encodeURIComponent("ÜBERL")}`))).toEqual(["61000004"]);
    expect(uras(await search(`q=${encodeURIComponent("zíekenhuis")}`))).toContain("61000001");
  });

  it("filters by organisation type and by the citizen's category", async () => {
    expect(uras(await search("q=rivier&type=J8"))).toEqual(["61000002"]);
    expect(uras(await search("q=rivierenland&category=ggz"))).toEqual(["61000005"]);
    expect(uras(await search("category=tandarts")).includes("61000006")).toBe(true);
  });

  it("includes closed organisations when asked, marked inactive", async () => {
    const r = await search("q=gesloten&includeInactive=true");
    expect(r.body.items).toEqual([expect.objectContaining({ ura: "61000007", active: false })]);
  });

  it("bounds the page: limit at most 50, truncated says more matched", async () => {
    const r = await search("place=tiel&limit=2");
    expect(r.body.items).toHaveLength(2);
    expect(r.body.truncated).toBe(true);
    expect((await search("q=tiel&limit=51")).status).toBe(400);
  });

  it("answers exactly the organisations named by ?ura=, closed ones too, unknown ones left out", async () => {
    const r = await search("ura=61000007,61000001,99999999");
    expect(uras(r)).toEqual(["61000007", "61000001"]);
  });

  it("treats FTS syntax in a query as plain words (no error, no injection)", async () => {
    for (const q of ['"', "rivier* OR 1", "NEAR(a b)", "search_place:tiel", "-", "')--"]) {
      const r = await search(`q=${encodeURIComponent(q)}`);
      expect([200, 400]).toContain(r.status);
      if (r.status === 400) expect(r.headers.get("content-type")).toMatch(/problem\+json/);
    }
  });

  it("refuses an empty search with 400 problem+json", async () => {
    const r = await search("q=%20%20");
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await search("type=XX")).status).toBe(400);
  });

  it("is readable by providers, refused without a token", async () => {
    expect((await search("q=rivier", await providerToken("huisarts"))).status).toBe(200);
    expect((await call("GET", "/v1/organisations?q=rivier")).status).toBe(401);
  });
});

describe("GET /v1/organisations/{ura}", () => {
  it("returns the organisation with type, category, place and endpoints", async () => {
    const r = await call("GET", "/v1/organisations/61000001", citizen);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      ura: "61000001",
      name: "Ziekenhuis Rivierenland",
      organizationType: "V6",
      organizationTypeDisplay: "Algemeen ziekenhuis",
      category: "ziekenhuis",
      place: "Tiel",
      active: true,
      endpoints: [
        { id: "e1", purpose: "fhir-base", address: "https://fhir.zrt.example/fhir", connectionType: "hl7-fhir-rest", status: "active" },
        { id: "e1n", purpose: "notification", address: "https://fhir.zrt.example/notify" },
      ],
    });
  });

  it("still resolves a closed organisation, marked inactive", async () => {
    const r = await call("GET", "/v1/organisations/61000007", citizen);
    expect(r.body).toMatchObject({ name: "Gesloten Apotheek Rivierenland", active: false });
  });

  it("answers 404 problem+json for an unknown URA and 400 for a malformed one", async () => {
    const r = await call("GET", "/v1/organisations/99999998", citizen);
    expect(r.status).toBe(404);
    expect(r.headers.get("content-type")).toMatch(/problem\+json/);
    expect((await call("GET", "/v1/organisations/12ab", citizen)).status).toBe(400);
  });
});
