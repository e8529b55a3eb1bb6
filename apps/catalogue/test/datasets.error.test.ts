import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { badQueries, BASE, minimalDataset, publish, publisher } from "./helpers";

type Problem = { status: number; type: string; detail?: string; errors?: { path: string; message: string; property?: string }[] };

async function post(body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(`${BASE}/v1/datasets`, {
    method: "POST",
    headers: { ...(await publisher("umcu")), "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("publishing validation", () => {
  it("answers 422 naming every violated property at once", async () => {
    const ds = minimalDataset({
      accessRights: "OPEN" as never,
      theme: ["SOCI"],
      healthCategory: [],
      hasStructuredData: true,
      keyword: [],
      minTypicalAge: 70,
      maxTypicalAge: 20,
    });
    const { hdab: _h, ...noHdab } = ds;
    void _h;
    const res = await post({ ...noHdab, distribution: [{ accessURL: "https://x.example/a", applicableLegislation: [] }] });
    expect(res.status).toBe(422);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const p = (await res.json()) as Problem;
    const props = p.errors!.map((e) => e.property);
    for (const prop of [
      "healthdcatap:hdab",
      "dct:accessRights",
      "dcat:theme",
      "healthdcatap:healthCategory",
      "healthdcatap:hasVariables",
      "dcat:keyword",
      "dcatap:applicableLegislation",
      "healthdcatap:minTypicalAge",
    ]) {
      expect(props).toContain(prop);
    }
    expect(p.errors!.find((e) => e.property === "dcatap:applicableLegislation")!.path).toBe("/distribution/0/applicableLegislation");
    expect(p.detail).toContain("healthdcatap:hdab");
  });

  it("refuses a description too large for one D1 row (422 naming its size), and stores nothing", async () => {
    // 60 language variants of 20,000 characters: each field valid, together ≈ 1.2 MB, over half of D1's 2 MB per value
    const description = Object.fromEntries(Array.from({ length: 60 }, (_, i) => [`nl-x${i}`, "gegevens ".repeat(2_222)]));
    const total = async () => ((await (await SELF.fetch(`${BASE}/v1/datasets?limit=1`)).json()) as { total: number }).total;
    const before = await total();
    const res = await post(minimalDataset({ description }));
    expect(res.status).toBe(422);
    const p = (await res.json()) as Problem;
    expect(p.errors!.map((e) => e.message).join(" ")).toMatch(/is \d+ bytes as JSON; at most 1000000 are stored/);
    expect(await total()).toBe(before);
  });

  it("rejects wrong types with the property named, and never a 500", async () => {
    const res = await post(minimalDataset({ minTypicalAge: "18" as unknown as number, title: "x" as never }));
    expect(res.status).toBe(422);
    const props = ((await res.json()) as Problem).errors!.map((e) => e.property);
    expect(props).toEqual(expect.arrayContaining(["healthdcatap:minTypicalAge", "dct:title"]));
  });

  it("rejects malformed extraTriples", async () => {
    const res = await post(minimalDataset({ extraTriples: "this is not n-triples" }));
    expect(res.status).toBe(422);
  });

  it("answers 400 for malformed JSON and a non-object body", async () => {
    expect((await post("{nope")).status).toBe(400);
    expect((await post("[1,2]")).status).toBe(400);
  });

  it("answers 415 for another media type", async () => {
    const res = await post("<x/>", { "content-type": "application/xml" });
    expect(res.status).toBe(415);
  });
});

describe("reading errors", () => {
  it("406 for an unsupported Accept", async () => {
    const d = await publish("umcu", minimalDataset());
    const res = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { headers: { accept: "application/xml" } });
    expect(res.status).toBe(406);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("404 for an unknown dataset, in any representation", async () => {
    expect((await SELF.fetch(`${BASE}/v1/datasets/nope`)).status).toBe(404);
    expect((await SELF.fetch(`${BASE}/v1/datasets/nope`, { headers: { accept: "text/turtle" } })).status).toBe(404);
  });

  it("400 for bad search parameters and a forged cursor", async () => {
    const bad = { limit: ["0", "1000"], sort: ["random"], minAge: ["-1", "abc"], temporalStart: ["yesterday"], cursor: ["garbage", btoa('{"o":-5}')] };
    for (const path of badQueries("/v1/datasets", bad)) {
      const res = await SELF.fetch(`${BASE}${path}`);
      expect(res.status, path).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("404 for PUT and DELETE of an unknown dataset", async () => {
    const put = await SELF.fetch(`${BASE}/v1/datasets/nope`, {
      method: "PUT",
      headers: { ...(await publisher("umcu")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset()),
    });
    expect(put.status).toBe(404);
    expect((await SELF.fetch(`${BASE}/v1/datasets/nope`, { method: "DELETE", headers: await publisher("umcu") })).status).toBe(404);
  });
});
