import { SELF } from "cloudflare:test";
import { describe, expect, it, beforeAll } from "vitest";
import { BASE, minimalDataset, publish } from "./helpers";

beforeAll(async () => {
  for (let i = 0; i < 5; i++) await publish("umcu", minimalDataset({ identifier: `EXPORT-${i}` }));
});

describe("DCAT export of the whole catalogue", () => {
  it("serves Turtle with a dcat:Catalog and Hydra paging", async () => {
    const res = await SELF.fetch(`${BASE}/catalog.ttl?pageSize=2`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/turtle/);
    const ttl = await res.text();
    expect(ttl).toContain("<https://data.regie.nl/catalogue> a dcat:Catalog");
    expect(ttl.match(/dcat:dataset/g)?.length ?? 0).toBeGreaterThanOrEqual(1);
    expect(ttl).toContain("hydra:PartialCollectionView");
    expect(ttl).toMatch(/hydra:totalItems "5"/);
    expect(ttl).toContain("page=3>");
    expect(ttl).toContain("hydra:next");
    expect(ttl).not.toContain("hydra:previous");
    const last = await (await SELF.fetch(`${BASE}/catalog.ttl?pageSize=2&page=3`)).text();
    expect(last).toContain("hydra:previous");
    expect(last).not.toContain("hydra:next");
    expect((last.match(/ a dcat:Dataset/g) ?? []).length).toBe(1);
  });

  it("serves JSON-LD", async () => {
    const res = await SELF.fetch(`${BASE}/catalog.jsonld?pageSize=10`);
    expect(res.headers.get("content-type")).toMatch(/^application\/ld\+json/);
    const doc = (await res.json()) as { "@graph": { "@type"?: string[] }[] };
    expect(doc["@graph"].filter((n) => n["@type"]?.includes("dcat:Dataset"))).toHaveLength(5);
  });

  it("filters by modified_since", async () => {
    const future = await (await SELF.fetch(`${BASE}/catalog.ttl?modified_since=2999-01-01`)).text();
    expect(future).toMatch(/hydra:totalItems "0"/);
    const past = await (await SELF.fetch(`${BASE}/catalog.ttl?modified_since=2000-01-01T00:00:00Z`)).text();
    expect(past).toMatch(/hydra:totalItems "5"/);
  });

  it("hydra:next links page by keyset (after=<ordinal>) and give the same datasets as page numbers", async () => {
    const datasets = (ttl: string) => [...ttl.matchAll(/dcat:dataset <([^>]+)>/g)].map((m) => m[1]!);
    const byNumber: string[] = [];
    for (let page = 1; page <= 3; page++) byNumber.push(...datasets(await (await SELF.fetch(`${BASE}/catalog.ttl?pageSize=2&page=${page}`)).text()));
    const byLink: string[] = [];
    let url: string | undefined = `${BASE}/catalog.ttl?pageSize=2`;
    let pages = 0;
    while (url) {
      const ttl: string = await (await SELF.fetch(url)).text();
      byLink.push(...datasets(ttl));
      const next: string | undefined = /hydra:next <([^>]+)>/.exec(ttl)?.[1];
      if (next) expect(next).toMatch(/[?&]after=\d+/);
      url = next?.replace(/^https?:\/\/[^/]+/, BASE);
      pages++;
    }
    expect(pages).toBe(3);
    expect(byLink).toHaveLength(5);
    expect(byLink).toEqual(byNumber);
  });

  it("400 for bad paging parameters", async () => {
    for (const qs of ["page=0", "pageSize=0", "pageSize=99999", "modified_since=yesterday", "page=abc", "after=-1", "after=x"]) {
      const res = await SELF.fetch(`${BASE}/catalog.ttl?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });
});
