/**
 * Cross-cutting security of the catalogue: hostile tokens and wrong roles on every protected route,
 * publishers touching each other's datasets by id (including via harvest), researchers guessing each
 * other's applications, oversized and truncated bodies, and per-client rate limiting in the real app.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fetchSecuredOperations, hostileTokens, mintToken, securityMatrix } from "@regie/shared/testing";
import { buildApp } from "../../src/app";
import { BASE, minimalDataset, publish, anonymisedApplicationInput } from "../helpers";

vi.setConfig({ testTimeout: 60_000 });

type Role = "citizen" | "provider" | "hdab" | "researcher" | "publisher";
const claimsFor = {
  citizen: { role: "citizen" as const, bsn: "999990007" },
  provider: { role: "provider" as const, ura: "00001001", organizationType: "Z3" },
  hdab: { role: "hdab" as const, sub: "hdab-nl" },
  researcher: { role: "researcher" as const, sub: "researcher-anna", name: "Anna", organisation: "Erasmus MC" },
  publisher: { role: "publisher" as const, publisherId: "rivm" },
};
const token = (role: Role) => mintToken(env, claimsFor[role]);

let owned: { id: string };
let applicationId: string;
let sourceId: string;
/** the local source server (vitest.config.ts): nothing leaves the machine */
const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;

const application = () => anonymisedApplicationInput(owned.id);
const SERVICE = { title: { en: "API" }, endpointURL: ["https://api.example.nl"] };
const SERIES = { title: { en: "S" }, description: { en: "S" }, applicableLegislation: ["http://data.europa.eu/eli/reg/2025/327/oj"] };

async function send(method: string, path: string, bearer: string | undefined, body?: string, type = "application/json") {
  const headers: Record<string, string> = {};
  if (bearer !== undefined) headers.authorization = `Bearer ${bearer}`;
  if (body !== undefined) headers["content-type"] = type;
  return SELF.fetch(BASE + path, { method, headers, body });
}

async function expectProblem(res: Response, status: number, context: string) {
  expect(res.status, `${context}: ${await res.clone().text()}`).toBe(status);
  expect(res.headers.get("content-type"), context).toBe("application/problem+json");
}

beforeAll(async () => {
  owned = await publish("umcu", minimalDataset({ title: { en: "Owned by UMCU" } }));
  const res = await send("POST", "/v1/access-applications", await token("researcher"), JSON.stringify(application()));
  expect(res.status).toBe(201);
  applicationId = ((await res.json()) as { id: string }).id;
  const src = await send("POST", "/v1/harvest-sources", await token("publisher"), JSON.stringify({ url: `${SOURCE}/nothing-here.ttl`, kind: "dcat" }));
  expect(src.status).toBe(201);
  sourceId = ((await src.json()) as { id: string }).id;
});

/**
 * The expectation for every operation /openapi.json marks as secured ("METHOD /template"): a concrete path, the roles
 * it admits and a body that would be valid. The tests below walk the document, so a new authenticated route without
 * an entry here fails.
 */
const ROUTES: Record<string, { path: () => string; roles: Role[]; body?: () => string; type?: string }> = {
  "POST /v1/datasets": { path: () => "/v1/datasets", roles: ["publisher"], body: () => JSON.stringify(minimalDataset()) },
  "PUT /v1/datasets/{id}": { path: () => `/v1/datasets/${owned.id}`, roles: ["publisher"], body: () => JSON.stringify(minimalDataset()) },
  "DELETE /v1/datasets/{id}": { path: () => `/v1/datasets/${owned.id}`, roles: ["publisher"] },
  "POST /v1/data-services": { path: () => "/v1/data-services", roles: ["publisher"], body: () => JSON.stringify(SERVICE) },
  "PUT /v1/data-services/{id}": { path: () => "/v1/data-services/some-service", roles: ["publisher"], body: () => JSON.stringify(SERVICE) },
  "DELETE /v1/data-services/{id}": { path: () => "/v1/data-services/some-service", roles: ["publisher"] },
  "POST /v1/dataset-series": { path: () => "/v1/dataset-series", roles: ["publisher"], body: () => JSON.stringify(SERIES) },
  "PUT /v1/dataset-series/{id}": { path: () => "/v1/dataset-series/some-series", roles: ["publisher"], body: () => JSON.stringify(SERIES) },
  "DELETE /v1/dataset-series/{id}": { path: () => "/v1/dataset-series/some-series", roles: ["publisher"] },
  "POST /v1/harvest": { path: () => "/v1/harvest", roles: ["publisher"], body: () => "<a> <b> <c> .", type: "text/turtle" },
  "POST /v1/harvest-sources": {
    path: () => "/v1/harvest-sources",
    roles: ["publisher"],
    body: () => JSON.stringify({ url: `${SOURCE}/nothing-here.ttl`, kind: "dcat" }),
  },
  "GET /v1/harvest-sources": { path: () => "/v1/harvest-sources", roles: ["publisher"] },
  "GET /v1/harvest-sources/{id}": { path: () => `/v1/harvest-sources/${sourceId}`, roles: ["publisher"] },
  "GET /v1/harvest-sources/{id}/jobs": { path: () => `/v1/harvest-sources/${sourceId}/jobs`, roles: ["publisher"] },
  "POST /v1/harvest-sources/{id}/run": { path: () => `/v1/harvest-sources/${sourceId}/run`, roles: ["publisher"] },
  "POST /v1/access-applications": { path: () => "/v1/access-applications", roles: ["researcher"], body: () => JSON.stringify(application()) },
  "GET /v1/access-applications": { path: () => "/v1/access-applications", roles: ["researcher", "hdab"] },
  "GET /v1/access-applications/{id}": { path: () => `/v1/access-applications/${applicationId}`, roles: ["researcher", "hdab"] },
  "POST /v1/access-applications/{id}/status": {
    path: () => `/v1/access-applications/${applicationId}/status`,
    roles: ["hdab"],
    body: () => JSON.stringify({ status: "under_review" }),
  },
  "PATCH /v1/access-applications/{id}": {
    path: () => `/v1/access-applications/${applicationId}`,
    roles: ["researcher"],
    body: () => JSON.stringify({ safeguards: "Two-person rule" }),
  },
  "DELETE /v1/access-applications/{id}": { path: () => `/v1/access-applications/${applicationId}`, roles: ["researcher"] },
  "POST /v1/access-applications/{id}/submit": { path: () => `/v1/access-applications/${applicationId}/submit`, roles: ["researcher"] },
  "POST /v1/access-applications/{id}/answer": {
    path: () => `/v1/access-applications/${applicationId}/answer`,
    roles: ["researcher"],
    body: () => JSON.stringify({ answer: "The registry" }),
  },
  "POST /v1/access-applications/{id}/extend": {
    path: () => `/v1/access-applications/${applicationId}/extend`,
    roles: ["hdab"],
    body: () => JSON.stringify({ reasons: "Complex" }),
  },
  "POST /v1/access-applications/{id}/collaborators": {
    path: () => `/v1/access-applications/${applicationId}/collaborators`,
    roles: ["researcher"],
    body: () => JSON.stringify({ id: "researcher-tom", name: "Tom", email: "tom@example.nl" }),
  },
  "DELETE /v1/access-applications/{id}/collaborators/{collaboratorId}": {
    path: () => `/v1/access-applications/${applicationId}/collaborators/researcher-tom`,
    roles: ["researcher"],
  },
  "POST /v1/access-applications/{id}/attachments": {
    path: () => `/v1/access-applications/${applicationId}/attachments?name=a.pdf`,
    roles: ["researcher"],
    body: () => "%PDF-1.4\n%%EOF",
    type: "application/pdf",
  },
  "GET /v1/access-applications/{id}/attachments": { path: () => `/v1/access-applications/${applicationId}/attachments`, roles: ["researcher", "hdab"] },
  "GET /v1/access-applications/{id}/attachments/{attachmentId}": {
    path: () => `/v1/access-applications/${applicationId}/attachments/00000000-0000-4000-8000-000000000000`,
    roles: ["researcher", "hdab"],
  },
  "DELETE /v1/access-applications/{id}/attachments/{attachmentId}": {
    path: () => `/v1/access-applications/${applicationId}/attachments/00000000-0000-4000-8000-000000000000`,
    roles: ["researcher"],
  },
  "GET /v1/me/notifications": { path: () => "/v1/me/notifications", roles: ["researcher"] },
  "POST /v1/access-applications/{id}/cohort-filter": {
    path: () => `/v1/access-applications/${applicationId}/cohort-filter`,
    roles: ["hdab"],
    body: () => JSON.stringify({ bsns: ["999990007"] }),
  },
  "GET /v1/auth/whoami": { path: () => "/v1/auth/whoami", roles: ["citizen", "provider", "hdab", "researcher", "publisher"] },
};

// the route table as the service documents it (top-level await: the tests below are one per documented operation)
const SECURED = await fetchSecuredOperations((url) => SELF.fetch(url), BASE);

securityMatrix<Role>({
  operations: SECURED,
  routes: ROUTES,
  roles: Object.keys(claimsFor) as Role[],
  token,
  hostile: (role) => hostileTokens(env, claimsFor[role], env.AUTH_AUDIENCE),
  send: (method, path, bearer, body, type) => send(method, path, bearer, body as string | undefined, type),
  expectProblem,
});

describe("a publisher and another's datasets", () => {
  it("cannot replace, delete or harvest over another publisher's dataset; it stays exactly the same", async () => {
    const json = async () => (await SELF.fetch(`${BASE}/v1/datasets/${owned.id}`, { headers: { accept: "application/json" } })).text();
    const before = await json();
    const turtleBefore = await (await SELF.fetch(`${BASE}/v1/datasets/${owned.id}`, { headers: { accept: "text/turtle" } })).text();
    const rivm = await token("publisher");
    await expectProblem(await send("PUT", `/v1/datasets/${owned.id}`, rivm, JSON.stringify(minimalDataset({ title: { en: "Hijacked" } }))), 403, "PUT");
    await expectProblem(await send("DELETE", `/v1/datasets/${owned.id}`, rivm), 403, "DELETE");
    const turtle = turtleBefore.replace(/Owned by UMCU/g, "Hijacked by harvest");
    const harvest = await send("POST", "/v1/harvest", rivm, turtle, "text/turtle");
    expect(harvest.status).toBeLessThan(500);
    if (harvest.ok) {
      const report = (await harvest.json()) as { imported: unknown[] };
      expect(report.imported).toEqual([]);
    }
    expect(await json()).toBe(before);
  });
});

describe("researchers guessing each other's applications", () => {
  it("another researcher gets 403 or 404 for an application id and does not see it in the list", async () => {
    const tom = await mintToken(env, { role: "researcher", sub: "researcher-tom", name: "Tom", organisation: "UM" });
    const res = await send("GET", `/v1/access-applications/${applicationId}`, tom);
    expect([403, 404]).toContain(res.status);
    expect(await res.text()).not.toContain("Research into the course");
    const list = await (await send("GET", "/v1/access-applications", tom)).text();
    expect(list).not.toContain(applicationId);
    for (const guess of [applicationId.toUpperCase(), applicationId.slice(0, -1) + "0", "1", "../" + applicationId]) {
      expect((await send("GET", `/v1/access-applications/${encodeURIComponent(guess)}`, tom)).status).toBeGreaterThanOrEqual(400);
    }
  });
});

describe("oversized and truncated bodies", () => {
  it("a harvest document over the 8 MiB limit is 413 problem+json and imports nothing", async () => {
    const total = async () => ((await (await SELF.fetch(`${BASE}/v1/datasets?limit=1`)).json()) as { total: number }).total;
    const before = await total();
    const big = "# " + "x".repeat(8 * 1024 * 1024 + 10);
    await expectProblem(await send("POST", "/v1/harvest", await token("publisher"), big, "text/turtle"), 413, "harvest");
    expect(await total()).toBe(before);
  });

  it("a dataset body cut off halfway is a 400 problem and stores nothing", async () => {
    const total = async () => ((await (await SELF.fetch(`${BASE}/v1/datasets?limit=1`)).json()) as { total: number }).total;
    const before = await total();
    const text = JSON.stringify(minimalDataset());
    await expectProblem(await send("POST", "/v1/datasets", await token("publisher"), text.slice(0, text.length >> 1)), 400, "truncated");
    expect(await total()).toBe(before);
  });
});

describe("rate limiting per client in the catalogue app", () => {
  it("an anonymous searcher over the limit gets 429 with Retry-After; another address is served", async () => {
    const app = buildApp("development");
    const hit = async (ip: string) => {
      const ctx = createExecutionContext();
      const res = await app.fetch(
        new Request(`${BASE}/v1/datasets?q=diabetes`, { headers: { "cf-connecting-ip": ip } }),
        { ...env, RATE_LIMIT: "4/60", RATE_LIMITER: undefined },
        ctx,
      );
      await waitOnExecutionContext(ctx);
      return res;
    };
    for (let i = 0; i < 4; i++) expect((await hit("198.51.100.1")).status).toBe(200);
    const limited = await hit("198.51.100.1");
    await expectProblem(limited, 429, "fifth search");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect((await hit("198.51.100.2")).status).toBe(200);
  });
});
