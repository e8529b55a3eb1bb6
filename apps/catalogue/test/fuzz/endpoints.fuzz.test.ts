/**
 * Fuzzing the catalogue's public endpoints: search (our API and CKAN's) with SQL/FTS5 syntax, unicode and
 * nonsense parameters, dataset ids, content negotiation, DCAT paging, publishing, harvesting (Turtle, JSON-LD,
 * RDF/XML), validation and access applications with hostile bodies. Always a 2xx or a 4xx problem+json, never a 5xx; a refused write
 * changes nothing; another publisher's dataset never changes.
 */
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { bodyText, checkAnswer, uriComponent, hostileBody, hostileRawBody, hostileString, SYNTAX_FRAGMENTS } from "@regie/shared/testing";
import { BASE, hdab, minimalDataset, publish, publisher, researcher, anonymisedApplicationInput } from "../helpers";

const RUNS = 40;
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

let own: { id: string };
let bystander: { id: string };
let bystanderBefore: string;

async function expectSafe(res: Response, context: string) {
  const status = res.status;
  const verdict = await checkAnswer(res);
  expect(verdict.ok, `${context}: ${verdict.why}`).toBe(true);
  return status;
}

async function datasetText(id: string) {
  const res = await SELF.fetch(`${BASE}/v1/datasets/${id}`, { headers: { accept: "application/json" } });
  return `${res.status} ${await res.text()}`;
}

async function totalDatasets(): Promise<number> {
  const res = await SELF.fetch(`${BASE}/v1/datasets?limit=1`);
  return ((await res.json()) as { total: number }).total;
}

/** GETs of `path` with one to five of the parameters `names`, each with a value from `value`: every answer is safe. */
async function hostileQueries(path: string, names: string[], value: fc.Arbitrary<string>) {
  await fc.assert(
    fc.asyncProperty(fc.array(fc.tuple(fc.constantFrom(...names), value), { minLength: 1, maxLength: 5 }), async (pairs) => {
      const q = new URLSearchParams(pairs);
      await expectSafe(await SELF.fetch(`${BASE}${path}?${q}`), `GET ${path}?${q.toString().slice(0, 200)}`);
    }),
    { numRuns: RUNS * 2 },
  );
}

const searchValue = fc.oneof(
  hostileString,
  fc.constantFrom(...SYNTAX_FRAGMENTS),
  fc.constantFrom("HEAL", "EHRS", "PUBLIC", "rivm", "CSV", "NLD", "diabetes", "0", "-1", "101", "1e3", "2026-13-45"),
);

beforeAll(async () => {
  await SELF.fetch(`${BASE}/dev/seed`, { method: "POST" });
  own = await publish("rivm", minimalDataset({ title: { nl: "Fuzz eigen dataset", en: "Fuzz own dataset" } }));
  bystander = await publish("umcu", minimalDataset({ title: { nl: "Dataset van een ander", en: "Someone else's dataset" } }));
  bystanderBefore = await datasetText(bystander.id);
});

describe("search never breaks and never writes", () => {
  it("GET /v1/datasets with hostile q, facets, sort, paging and ranges", async () => {
    const total = await totalDatasets();
    const names = [
      "q",
      "theme",
      "healthCategory",
      "publisher",
      "accessRights",
      "keyword",
      "format",
      "language",
      "sort",
      "limit",
      "cursor",
      "minAge",
      "maxAge",
      "temporalStart",
      "temporalEnd",
      "minIndividuals",
      "unknown",
    ];
    await hostileQueries("/v1/datasets", names, searchValue);
    expect(await totalDatasets()).toBe(total);
  });

  it("GET /api/3/action/package_search with hostile q, fq, rows, start, sort and facet.field", async () => {
    const names = ["q", "fq", "rows", "start", "sort", "facet.field", "facet.limit", "include_private"];
    const value = fc.oneof(
      searchValue,
      fc.constantFrom(
        '["tags","organization"]',
        "[1]",
        "[",
        "tags:diabetes",
        "organization:rivm",
        "res_format:CSV",
        "score desc",
        "title_string asc",
        "metadata_modified desc",
      ),
    );
    await hostileQueries("/api/3/action/package_search", names, value);
  });

  it("dataset ids, package_show ids and Accept headers", async () => {
    const accept = fc.constantFrom(
      "application/json",
      "text/turtle",
      "application/ld+json",
      "text/html",
      "*/*",
      "",
      "application/json;q=0, text/turtle;q=0.1",
      "garbage/;;;",
    );
    await fc.assert(
      fc.asyncProperty(hostileString, accept, async (id, acc) => {
        const path = `/v1/datasets/${uriComponent(id)}`;
        await expectSafe(await SELF.fetch(`${BASE}${path}`, { headers: acc ? { accept: acc } : {} }), `GET ${path} (accept ${acc})`);
        await expectSafe(await SELF.fetch(`${BASE}/api/3/action/package_show?${new URLSearchParams({ id })}`), `package_show ${id.slice(0, 80)}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("DCAT export paging and modified_since", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom("/catalog.ttl", "/catalog.jsonld"), searchValue, searchValue, async (path, page, since) => {
        const q = new URLSearchParams({ page, pageSize: page, modified_since: since });
        await expectSafe(await SELF.fetch(`${BASE}${path}?${q}`), `GET ${path}?${q.toString().slice(0, 200)}`);
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe("publishing with hostile input", () => {
  it("POST /v1/datasets: a refused dataset is not stored", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(minimalDataset()), async (body) => {
        const before = await totalDatasets();
        const text = bodyText(body);
        const res = await SELF.fetch(`${BASE}/v1/datasets`, {
          method: "POST",
          headers: { ...(await publisher("rivm")), "content-type": "application/json" },
          body: text,
        });
        const status = await expectSafe(res, `POST /v1/datasets ${text.slice(0, 150)}`);
        if (status >= 400) expect(await totalDatasets()).toBe(before);
      }),
      { numRuns: RUNS / 2 },
    );
  });

  it("PUT /v1/datasets/{id}: a refused replacement leaves the dataset as it was", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody(minimalDataset({ title: { nl: "Vervangen", en: "Replaced" } })), async (body) => {
        const before = await datasetText(own.id);
        const text = bodyText(body);
        const res = await SELF.fetch(`${BASE}/v1/datasets/${own.id}`, {
          method: "PUT",
          headers: { ...(await publisher("rivm")), "content-type": "application/json" },
          body: text,
        });
        const status = await expectSafe(res, `PUT /v1/datasets/{id} ${text.slice(0, 150)}`);
        if (status >= 400) expect(await datasetText(own.id)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("POST /v1/harvest with hostile Turtle and JSON-LD documents", async () => {
    const turtleish = fc.oneof(
      hostileRawBody,
      hostileString.map(
        (s) =>
          `@prefix dcat: <http://www.w3.org/ns/dcat#> .\n<https://x.example/${uriComponent(s)}> a dcat:Dataset ; <http://purl.org/dc/terms/title> "${s.replace(/"/g, '\\"')}" .`,
      ),
      fc.constantFrom("@prefix : <", "<a> <b> <c>", '<a> <b> "unterminated', "@base <javascript:alert(1)> .", "_:a _:b _:c ."),
    );
    await fc.assert(
      fc.asyncProperty(turtleish, fc.constantFrom("text/turtle", "application/ld+json"), async (doc, type) => {
        const before = await totalDatasets();
        const res = await SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { ...(await publisher("rivm")), "content-type": type }, body: doc });
        const status = await expectSafe(res, `POST /v1/harvest (${type}) ${doc.slice(0, 150)}`);
        if (status >= 400) expect(await totalDatasets()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  const RDF_TYPES = ["application/rdf+xml", "text/turtle", "application/ld+json"];
  it("POST /v1/validate and /v1/harvest with hostile RDF/XML; validate (public) with every input type, writing nothing", async () => {
    const xmlish = fc.oneof(
      hostileRawBody,
      hostileString.map(
        (s) => `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:dcat="http://www.w3.org/ns/dcat#">
<dcat:Dataset rdf:about="https://x.example/${uriComponent(s)}"><rdf:value>${s.replace(/[<&]/g, "")}</rdf:value></dcat:Dataset></rdf:RDF>`,
      ),
      fc.constantFrom(
        "<rdf:RDF",
        "<?xml version='1.0'?><rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'><rdf:Description rdf:about='%%'/></rdf:RDF>",
        "<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>",
        "<a><b></a>",
      ),
    );
    await fc.assert(
      fc.asyncProperty(xmlish, fc.constantFrom(...RDF_TYPES), fc.constantFrom("", "?level=all", "?level=PUBLIC", "?level=%00"), async (doc, type, query) => {
        const before = await totalDatasets();
        const validate = await SELF.fetch(`${BASE}/v1/validate${query}`, { method: "POST", headers: { "content-type": type }, body: doc });
        await expectSafe(validate, `POST /v1/validate${query} (${type}) ${doc.slice(0, 150)}`);
        if (type === "application/rdf+xml") {
          const res = await SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { ...(await publisher("rivm")), "content-type": type }, body: doc });
          const status = await expectSafe(res, `POST /v1/harvest (${type}) ${doc.slice(0, 150)}`);
          if (status >= 400) expect(await totalDatasets()).toBe(before);
        } else expect(await totalDatasets()).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("access applications with hostile input", () => {
  const application = () => anonymisedApplicationInput(own.id);

  it("POST /v1/access-applications and the HDAB's status changes", async () => {
    const baseline = await SELF.fetch(`${BASE}/v1/access-applications`, {
      method: "POST",
      headers: { ...(await researcher()), "content-type": "application/json" },
      body: JSON.stringify(application()),
    });
    const created = (await baseline.json()) as { id: string };
    expect(baseline.status, JSON.stringify(created)).toBeLessThan(500);
    // submitted, so the HDAB's steps below reach the workflow (a draft is invisible to the HDAB)
    const submitted = await SELF.fetch(`${BASE}/v1/access-applications/${created.id}/submit`, { method: "POST", headers: await researcher() });
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    await fc.assert(
      fc.asyncProperty(hostileBody(application()), async (body) => {
        const text = bodyText(body);
        const res = await SELF.fetch(`${BASE}/v1/access-applications`, {
          method: "POST",
          headers: { ...(await researcher()), "content-type": "application/json" },
          body: text,
        });
        await expectSafe(res, `POST /v1/access-applications ${text.slice(0, 150)}`);
      }),
      { numRuns: RUNS / 2 },
    );
    await fc.assert(
      fc.asyncProperty(hostileBody({ status: "rejected", reasons: "Not specific enough" }), hostileString, async (body, id) => {
        const text = bodyText(body);
        for (const target of [created.id ?? "x", uriComponent(id)]) {
          const res = await SELF.fetch(`${BASE}/v1/access-applications/${target}/status`, {
            method: "POST",
            headers: { ...(await hdab()), "content-type": "application/json" },
            body: text,
          });
          await expectSafe(res, `POST /v1/access-applications/${target.slice(0, 40)}/status ${text.slice(0, 150)}`);
        }
      }),
      { numRuns: RUNS / 2 },
    );
  });
});

describe("another publisher's dataset", () => {
  it("is exactly as it was before the fuzzing", async () => {
    expect(await datasetText(bystander.id)).toBe(bystanderBefore);
  });
});
