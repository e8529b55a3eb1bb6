import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE, minimalDataset, publish } from "./helpers";

describe("RDF/XML by Accept (the graph equality with Turtle is proven in test-shacl/rdfxml.test.ts)", () => {
  it("a dataset, /catalog.rdf and catalog.ttl with Accept: application/rdf+xml", async () => {
    const ds = await publish("rivm", minimalDataset({ identifier: "RDFXML-1", title: { nl: "A & B <c>", en: "x" } }));
    const one = await SELF.fetch(`${BASE}/v1/datasets/${ds.id}`, { headers: { accept: "application/rdf+xml" } });
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toBe("application/rdf+xml; charset=utf-8");
    const xml = await one.text();
    expect(xml).toMatch(/^<\?xml version="1.0"/);
    expect(xml).toContain(`rdf:about="${ds.iri}"`);
    expect(xml).toContain("A &amp; B &lt;c&gt;");
    for (const [path, accept] of [
      ["/catalog.rdf", "*/*"],
      ["/catalog.ttl", "application/rdf+xml"],
    ] as const) {
      const res = await SELF.fetch(`${BASE}${path}`, { headers: { accept } });
      expect(res.headers.get("content-type"), path).toBe("application/rdf+xml; charset=utf-8");
      expect(await res.text()).toContain("hydra/core#PartialCollectionView");
    }
    expect((await SELF.fetch(`${BASE}/v1/datasets/${ds.id}`, { headers: { accept: "application/xml" } })).status).toBe(406);
  });
});
