import { describe, expect, it } from "vitest";
import { catalogueClient, CatalogueError } from "../src/clients/catalogue";
import { ConsentClientError, createConsentClient } from "../src/clients/consent";
import { UnexpectedResponseError } from "../src/clients/response";
import { SearchParams } from "../src/contracts/catalogue";
import { ChildId, ConfirmChoiceRequest } from "../src/contracts/consent";

/** The query as hono hands it to the validator: one value a string, a repeated parameter string[]. */
function query(qs: string): Record<string, string | string[]> {
  const out: Record<string, string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) (out[k] ??= []).push(v);
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}

describe("SearchParams (GET /v1/datasets)", () => {
  it("coerces repeated and comma-separated facets, numbers, defaults and lang", () => {
    expect(SearchParams.parse(query(""))).toEqual({ limit: 20, lang: "en" });
    expect(SearchParams.parse(query("theme=HEAL,SOCI&theme=%20EDUC%20&publisher=a,b&q=&minAge=07&limit=5&limit=9&lang=nl"))).toEqual({
      theme: ["HEAL", "SOCI", "EDUC"],
      publisher: ["a,b"],
      minAge: 7,
      limit: 5,
      lang: "nl",
    });
    expect(SearchParams.parse(query("theme=,&keyword=&lang=de"))).toEqual({ limit: 20, lang: "en" });
  });

  it("refuses what the search refused, naming the parameter", () => {
    for (const [qs, path] of [
      ["limit=0", "limit"],
      ["limit=1000", "limit"],
      ["minAge=abc", "minAge"],
      ["minAge=-1", "minAge"],
      ["sort=random", "sort"],
      ["temporalStart=yesterday", "temporalStart"],
      [`keyword=${"k".repeat(201)}`, "keyword"],
    ] as const) {
      const r = SearchParams.safeParse(query(qs));
      expect(r.success, qs).toBe(false);
      expect(r.error!.issues[0]!.path[0], qs).toBe(path);
    }
  });
});

describe("consent contract ids", () => {
  it("one child id (16-64 lower-case hex) and UUID choice ids", () => {
    expect(ChildId.safeParse("0123456789abcdef").success).toBe(true);
    expect(ChildId.safeParse("a".repeat(64)).success).toBe(true);
    expect(ChildId.safeParse("not-an-id").success).toBe(false);
    expect(ConfirmChoiceRequest.safeParse({ choiceId: "x", code: "123456" }).success).toBe(false);
    expect(ConfirmChoiceRequest.safeParse({ choiceId: crypto.randomUUID(), code: "123456" }).success).toBe(true);
  });
});

describe("clients parse every answer", () => {
  const answer = (res: Response) => async () => res;

  it("the catalogue client refuses a body that does not match the contract, typed", async () => {
    const client = catalogueClient({ baseUrl: "https://catalogue.test", fetcher: answer(Response.json({ total: "many" })) });
    const err = await client.search().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(UnexpectedResponseError);
    expect((err as UnexpectedResponseError).status).toBe(200);
    expect((err as UnexpectedResponseError).errors.map((e) => e.path)).toContain("/total");
  });

  it("the catalogue client reads problem+json errors, and survives a body that is not one", async () => {
    const problem = { type: "https://regie.nl/problems/not-found", title: "Not found", status: 404, detail: "No such dataset" };
    const err = (await catalogueClient({ baseUrl: "https://c.test", fetcher: answer(Response.json(problem, { status: 404 })) })
      .dataset("x")
      .catch((e: unknown) => e)) as CatalogueError;
    expect(err).toBeInstanceOf(CatalogueError);
    expect(err.problem).toEqual(problem);
    const html = (await catalogueClient({ baseUrl: "https://c.test", fetcher: answer(new Response("<html>", { status: 502 })) })
      .dataset("x")
      .catch((e: unknown) => e)) as CatalogueError;
    expect([html.status, html.problem]).toEqual([502, undefined]);
  });

  it("the consent client: a non-JSON error is a ConsentClientError, a non-JSON success an UnexpectedResponseError", async () => {
    const refused = await createConsentClient({ baseUrl: "https://c.test", fetcher: answer(new Response("no", { status: 401 })) })
      .children()
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(ConsentClientError);
    expect((refused as ConsentClientError).status).toBe(401);
    const garbled = await createConsentClient({ baseUrl: "https://c.test", fetcher: answer(new Response("<html>", { status: 200 })) })
      .children()
      .catch((e: unknown) => e);
    expect(garbled).toBeInstanceOf(UnexpectedResponseError);
  });
});
