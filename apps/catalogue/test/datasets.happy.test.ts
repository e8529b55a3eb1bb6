import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import { BASE, getJson, minimalDataset, publish, publisher } from "./helpers";

describe("publishing and reading a dataset", () => {
  it("publishes, reads as JSON, Turtle and JSON-LD, updates with a new revision and deletes", async () => {
    const created = await publish("umcu", minimalDataset({ identifier: "UMCU-HART-2024", title: { nl: "Hartfalen cohort", en: "Heart failure cohort" } }));
    expect(created).toMatchObject({ id: "umcu-hart-2024", revision: 1, publisherId: "umcu", iri: "https://data.regie.nl/catalogue/datasets/umcu-hart-2024" });

    const json = await getJson<Dataset>(`/v1/datasets/${created.id}`);
    expect(json.status).toBe(200);
    expect(json.body.title.en).toBe("Heart failure cohort");

    const ttl = await SELF.fetch(`${BASE}/v1/datasets/${created.id}`, { headers: { accept: "text/turtle" } });
    expect(ttl.status).toBe(200);
    expect(ttl.headers.get("content-type")).toMatch(/^text\/turtle/);
    const text = await ttl.text();
    expect(text).toContain("<https://data.regie.nl/catalogue/datasets/umcu-hart-2024> a dcat:Dataset");
    expect(text).toContain('"Heart failure cohort"@en');
    expect(text).toContain("healthdcatap:hdab");

    const ld = await SELF.fetch(`${BASE}/v1/datasets/${created.id}`, { headers: { accept: "application/ld+json" } });
    expect(ld.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const graph = ((await ld.json()) as { "@graph": { "@id": string; "@type"?: string[] }[] })["@graph"];
    expect(graph.find((n) => n["@id"] === created.iri)?.["@type"]).toEqual(["dcat:Dataset"]);

    const put = await SELF.fetch(`${BASE}/v1/datasets/${created.id}`, {
      method: "PUT",
      headers: { ...(await publisher("umcu")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ identifier: "UMCU-HART-2024", title: { nl: "Hartfalen cohort v2" } })),
    });
    expect(put.status).toBe(200);
    const updated = (await put.json()) as Dataset;
    expect(updated.revision).toBe(2);
    expect(updated.modified >= created.modified).toBe(true);
    expect((await getJson(`/v1/datasets?q=${encodeURIComponent("cohort v2")}`)).body).toMatchObject({ total: 1 });

    const del = await SELF.fetch(`${BASE}/v1/datasets/${created.id}`, { method: "DELETE", headers: await publisher("umcu") });
    expect(del.status).toBe(204);
    expect((await SELF.fetch(`${BASE}/v1/datasets/${created.id}`)).status).toBe(404);
    expect((await getJson(`/v1/datasets?q=hartfalen`)).body).toMatchObject({ total: 0 });
  });

  it("gives a second dataset with the same identifier its own id", async () => {
    const a = await publish("nivel", minimalDataset({ identifier: "SAME-ID" }));
    const b = await publish("nivel", minimalDataset({ identifier: "SAME-ID" }));
    expect(a.id).toBe("same-id");
    expect(b.id).toBe("same-id-2");
  });

  it("prefers Turtle when the client says so with q-values, and JSON for */*", async () => {
    const d = await publish("cbs", minimalDataset());
    const ttl = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { headers: { accept: "application/json;q=0.5, text/turtle" } });
    expect(ttl.headers.get("content-type")).toMatch(/^text\/turtle/);
    const any = await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { headers: { accept: "*/*" } });
    expect(any.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("lists the controlled vocabularies with Dutch and English labels", async () => {
    const v = await getJson<Record<string, { code: string; nl: string; en: string }[]>>("/v1/vocabularies");
    expect(v.body.healthCategory).toHaveLength(17);
    expect(v.body.purpose!.map((p) => p.code)).toContain("SCIENTIFIC_RESEARCH");
  });
});

describe("stable exports", () => {
  it("the same dataset exports byte for byte the same Turtle and JSON-LD every time", async () => {
    const d = await publish("umcu", minimalDataset({ identifier: "STABLE-1" }));
    for (const accept of ["text/turtle", "application/ld+json"]) {
      const a = await (await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { headers: { accept } })).text();
      const b = await (await SELF.fetch(`${BASE}/v1/datasets/${d.id}`, { headers: { accept } })).text();
      expect(b).toBe(a);
      expect(a).toContain("r_stable-1_distribution0");
    }
  });
});
