/**
 * Cross-cutting security of the consent service: hostile tokens and wrong roles on every protected
 * route, providers asking as someone else, citizens guessing each other's ids, oversized, truncated and
 * slow bodies, and per-client rate limiting (429 with Retry-After) in the real app.
 */
import { createExecutionContext, env, SELF, waitOnExecutionContext } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { fetchSecuredOperations, hostileTokens, mintToken, securityMatrix } from "@regie/shared/testing";
import { buildApp } from "../../src/app";
import { migrationBundle, recordedConsent } from "../fhir/recorded";
import { proposedConsent } from "../fhir/resources";
import { checkBody, freshBsn, provider, seed } from "../helpers";

vi.setConfig({ testTimeout: 60_000 });
const BASE = "http://consent.test";
const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };

type Role = "citizen" | "provider" | "hdab" | "researcher" | "publisher" | "operator";
const tokenFor: Record<Role, () => Promise<string>> = {
  citizen: () => mintToken(env, { role: "citizen", bsn: freshBsn() }),
  provider: () => {
    const p = provider("huisarts");
    return mintToken(env, { role: "provider", ura: p.ura, organizationType: p.organizationType, uziRole: p.uziRole });
  },
  hdab: () => mintToken(env, { role: "hdab", sub: "hdab-nl" }),
  researcher: () => mintToken(env, { role: "researcher", sub: "r", name: "R", organisation: "O" }),
  publisher: () => mintToken(env, { role: "publisher", publisherId: "rivm" }),
  operator: () => mintToken(env, { role: "operator", sub: "ops" }),
};

/**
 * The expectation for every operation /openapi.json marks as secured ("METHOD /template"): a concrete path, the roles
 * it admits and a body that would be valid. The tests below walk the document, so a new authenticated route without
 * an entry here fails.
 */
const authzenEvaluation = () => ({
  subject: { type: "organization", id: "00001001", properties: { organizationType: "Z3" } },
  resource: { type: "patient_data", id: freshBsn(), properties: { holder: { ura: "00002002", organizationType: "V6" }, dataCategory: "GGC002" } },
  action: { name: "share" },
  context: { purpose_of_use: "TREAT" },
});

const ROUTES: Record<string, { path: () => string; roles: Role[]; body?: () => unknown }> = {
  "GET /v1/me/choices": { path: () => "/v1/me/choices", roles: ["citizen"] },
  "POST /v1/me/choices": { path: () => "/v1/me/choices", roles: ["citizen"], body: () => choice },
  "PUT /v1/me/choices/{id}": { path: () => "/v1/me/choices/abc", roles: ["citizen"], body: () => choice },
  "DELETE /v1/me/choices/{id}": { path: () => "/v1/me/choices/abc", roles: ["citizen"] },
  "GET /v1/me/history": { path: () => "/v1/me/history", roles: ["citizen"] },
  "GET /v1/me/access-log": { path: () => "/v1/me/access-log", roles: ["citizen"] },
  "GET /v1/me/access-log/verify": { path: () => "/v1/me/access-log/verify", roles: ["citizen"] },
  "GET /v1/me/notifications": { path: () => "/v1/me/notifications", roles: ["citizen"] },
  "GET /v1/me/secondary-use": { path: () => "/v1/me/secondary-use", roles: ["citizen"] },
  "PUT /v1/me/secondary-use": { path: () => "/v1/me/secondary-use", roles: ["citizen"], body: () => ({ optOut: true }) },
  "GET /v1/me/children": { path: () => "/v1/me/children", roles: ["citizen"] },
  "POST /v1/me/children/{childId}/confirmations": {
    path: () => "/v1/me/children/0123456789abcdef/confirmations",
    roles: ["citizen"],
    body: () => ({ choiceId: "x", code: "123456" }),
  },
  "POST /v1/consent-check": { path: () => "/v1/consent-check", roles: ["provider"], body: () => checkBody(freshBsn(), "ziekenhuis", "huisarts", ["GGC002"]) },
  "POST /v1/locate": {
    path: () => "/v1/locate",
    roles: ["provider"],
    body: () => ({ patient: { bsn: freshBsn() }, requester: checkBody(freshBsn(), "huisarts", "huisarts", ["GGC002"]).requester, purpose: "TREAT" }),
  },
  "POST /v1/subscriptions": { path: () => "/v1/subscriptions", roles: ["provider"], body: () => ({ patient: { bsn: freshBsn() } }) },
  "POST /v1/provider/choices": { path: () => "/v1/provider/choices", roles: ["provider"], body: () => ({ patient: { bsn: freshBsn() }, choice }) },
  "POST /v1/temporary-consent": {
    path: () => "/v1/temporary-consent",
    roles: ["provider"],
    body: () => ({ patient: { bsn: freshBsn() }, holder: { category: "ziekenhuis" }, dataCategories: ["GGC002"], reason: "acute situation" }),
  },
  "GET /v1/provider/notifications": { path: () => "/v1/provider/notifications", roles: ["provider"] },
  "POST /v1/secondary-use/cohort-filter": {
    path: () => "/v1/secondary-use/cohort-filter",
    roles: ["hdab"],
    body: () => ({ bsns: [freshBsn()], permitApprovedAt: "2030-01-01T00:00:00Z" }),
  },
  "GET /fhir/Consent": { path: () => `/fhir/Consent?patient=${freshBsn()}`, roles: ["citizen", "provider"] },
  "GET /fhir/AuditEvent": { path: () => `/fhir/AuditEvent?patient=${freshBsn()}`, roles: ["citizen", "provider"] },
  "POST /fhir/Consent/$has-mitz-consent": {
    path: () => "/fhir/Consent/$has-mitz-consent",
    roles: ["provider"],
    body: () => proposedConsent(freshBsn(), { holder: "ziekenhuis", requester: "huisarts", dataCategories: ["GGC002"] }),
  },
  "POST /access/v1/evaluation": { path: () => "/access/v1/evaluation", roles: ["provider"], body: () => authzenEvaluation() },
  "POST /access/v1/evaluations": { path: () => "/access/v1/evaluations", roles: ["provider"], body: () => ({ evaluations: [authzenEvaluation()] }) },
  "POST /fhir/Consent/$get-mitz-sources": {
    path: () => "/fhir/Consent/$get-mitz-sources",
    roles: ["provider"],
    body: () => proposedConsent(freshBsn(), { requester: "huisarts" }),
  },
  "GET /v1/subscriptions": { path: () => "/v1/subscriptions", roles: ["provider"] },
  "GET /v1/subscriptions/{id}": { path: () => `/v1/subscriptions/${crypto.randomUUID()}`, roles: ["provider"] },
  "DELETE /v1/subscriptions/{id}": { path: () => `/v1/subscriptions/${crypto.randomUUID()}`, roles: ["provider"] },
  "POST /fhir/Subscription": {
    path: () => "/fhir/Subscription",
    roles: ["provider"],
    body: () => ({
      resourceType: "Subscription",
      status: "requested",
      reason: "OTV",
      criteria: `Consent?_query=otv&patientid=${freshBsn()}&providerid=00001001&providertype=Z3`,
      channel: { type: "rest-hook", endpoint: "http://localhost:9/hook" },
    }),
  },
  "GET /fhir/Subscription": { path: () => "/fhir/Subscription", roles: ["provider"] },
  "GET /fhir/Subscription/{id}": { path: () => `/fhir/Subscription/${crypto.randomUUID()}`, roles: ["provider"] },
  "DELETE /fhir/Subscription/{id}": { path: () => `/fhir/Subscription/${crypto.randomUUID()}`, roles: ["provider"] },
  "GET /v1/auth/whoami": { path: () => "/v1/auth/whoami", roles: ["citizen", "provider", "hdab", "researcher", "publisher", "operator"] },
  // the address book: every role of the registry reads it; only operators load it
  "GET /v1/organisations": { path: () => "/v1/organisations?q=rivierenland", roles: ["citizen", "provider", "hdab", "operator"] },
  "GET /v1/organisations/{ura}": { path: () => "/v1/organisations/00002002", roles: ["citizen", "provider", "hdab", "operator"] },
  "GET /fhir/Organization": { path: () => "/fhir/Organization?name=rivierenland", roles: ["citizen", "provider", "hdab", "operator"] },
  "GET /fhir/Organization/{id}": { path: () => "/fhir/Organization/00002002", roles: ["citizen", "provider", "hdab", "operator"] },
  "GET /fhir/Endpoint": { path: () => "/fhir/Endpoint?organization=00002002", roles: ["citizen", "provider", "hdab", "operator"] },
  "POST /v1/operator/address-book": {
    path: () => "/v1/operator/address-book",
    roles: ["operator"],
    body: () => ({ resourceType: "Bundle", type: "collection", entry: [] }),
  },
  "GET /v1/operator/address-book/sync": { path: () => "/v1/operator/address-book/sync", roles: ["operator"] },
  "POST /fhir/Consent": {
    path: () => "/fhir/Consent",
    roles: ["provider"],
    body: () => recordedConsent(freshBsn(), { holder: "huisarts", requester: "ziekenhuis" }),
  },
  "PUT /fhir/Consent/{id}": {
    path: () => `/fhir/Consent/${crypto.randomUUID()}`,
    roles: ["provider"],
    body: () => recordedConsent(freshBsn(), { holder: "huisarts", requester: "ziekenhuis", status: "inactive" }),
  },
  "GET /fhir/Provenance": { path: () => `/fhir/Provenance?target=Consent/${crypto.randomUUID()}&patient=${freshBsn()}`, roles: ["citizen", "provider"] },
  "POST /fhir": {
    path: () => "/fhir",
    roles: ["provider"],
    body: () => migrationBundle([{ consent: recordedConsent(freshBsn(), { holder: "huisarts", requester: "ziekenhuis" }) }]),
  },
};

/** The path of the last request `send` made: errors under /fhir are OperationOutcomes, elsewhere problem+json. */
let lastPath = "";

async function send(method: string, path: string, token: string | undefined, body?: unknown, headers: Record<string, string> = {}) {
  lastPath = path;
  const h: Record<string, string> = { ...headers };
  if (token !== undefined) h.authorization = `Bearer ${token}`;
  if (body !== undefined) h["content-type"] ??= "application/json";
  return SELF.fetch(BASE + path, { method, headers: h, body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body) });
}

async function expectProblem(res: Response, status: number, context: string) {
  expect(res.status, `${context}: ${await res.clone().text()}`).toBe(status);
  if (lastPath.startsWith("/fhir") || context.includes("/fhir")) {
    // the FHIR side answers errors as OperationOutcome with the same status
    expect(res.headers.get("content-type"), context).toMatch(/^application\/fhir\+json/);
    const outcome = (await res.json()) as { resourceType: string; issue: { code: string }[] };
    expect(outcome.resourceType, context).toBe("OperationOutcome");
    expect(outcome.issue[0]!.code, context).toBe(
      status === 401 ? "login" : status === 403 ? "forbidden" : status === 413 ? "too-long" : status === 429 ? "throttled" : outcome.issue[0]!.code,
    );
    return;
  }
  expect(res.headers.get("content-type"), context).toBe("application/problem+json");
  const body = (await res.json()) as { status: number };
  expect(body.status).toBe(status);
}

beforeAll(async () => {
  await seed();
});

// the route table as the service documents it (top-level await: the tests below are one per documented operation)
const SECURED = await fetchSecuredOperations((url) => SELF.fetch(url), BASE);

securityMatrix<Role>({
  operations: SECURED,
  routes: ROUTES,
  roles: Object.keys(tokenFor) as Role[],
  token: (role) => tokenFor[role](),
  hostile: (role) =>
    hostileTokens(
      env,
      role === "citizen"
        ? { role: "citizen", bsn: freshBsn() }
        : role === "provider"
          ? { role: "provider", ura: "00001001", organizationType: "Z3" }
          : { role: "hdab", sub: "hdab-nl" },
      env.AUTH_AUDIENCE,
    ),
  send: (method, path, token, body) => send(method, path, token, body),
  expectProblem,
  withoutToken: (res) => expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/),
});

describe("a provider only asks as a party to the question (holder or requester)", () => {
  it("any requester URA or organisation type other than the token's is refused (403), and nothing is logged", async () => {
    const p = provider("huisarts");
    const token = await tokenFor.provider();
    const bsn = freshBsn();
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^\d{1,8}$/),
        fc.constantFrom("Z3", "V6", "J8", "G5", "L1"),
        fc.constantFrom("/v1/consent-check", "/v1/locate"),
        async (ura, type, path) => {
          fc.pre(ura !== p.ura || type !== p.organizationType);
          const requester = { ura, organizationType: type };
          const body =
            path === "/v1/consent-check"
              ? { ...checkBody(bsn, "ziekenhuis", "huisarts", ["GGC002"]), requester }
              : { patient: { bsn }, requester, purpose: "TREAT" };
          await expectProblem(await send("POST", path, token, body), 403, `${path} as ${ura}/${type}`);
        },
      ),
      { numRuns: 40 },
    );
    const log = (await (await send("GET", "/v1/me/access-log", await mintToken(env, { role: "citizen", bsn }))).json()) as { items: unknown[] };
    expect(log.items).toEqual([]);
  });
});

describe("citizens guessing each other's ids", () => {
  it("another citizen's choice ids, neighbouring ids and child ids lead nowhere, and change nothing", async () => {
    const alice = await mintToken(env, { role: "citizen", bsn: freshBsn() });
    const mallory = await mintToken(env, { role: "citizen", bsn: freshBsn() });
    const created = (await (await send("POST", "/v1/me/choices", alice, choice)).json()) as { id: string };
    expect(created.id).toBeTruthy();
    const aliceBefore = await (await send("GET", "/v1/me/history", alice)).text();
    const guesses = new Set([
      created.id,
      created.id.toUpperCase(),
      created.id.slice(0, -1) + (created.id.endsWith("0") ? "1" : "0"),
      "1",
      "0",
      "../" + created.id,
      created.id + "/history",
    ]);
    for (const id of guesses) {
      const path = `/v1/me/choices/${encodeURIComponent(id)}`;
      expect((await send("DELETE", path, mallory)).status, `DELETE ${id}`).toBeGreaterThanOrEqual(400);
      expect((await send("PUT", path, mallory, { ...choice, decision: "deny" })).status, `PUT ${id}`).toBeGreaterThanOrEqual(400);
    }
    for (const path of ["/v1/me/choices", "/v1/me/history", "/v1/me/notifications", "/v1/me/access-log"]) {
      const body = (await (await send("GET", path, mallory)).json()) as { items: unknown[] };
      expect(JSON.stringify(body.items), path).not.toContain(created.id);
    }
    for (const child of [
      "0123456789abcdef",
      "f".repeat(64),
      created.id
        .replace(/[^0-9a-f]/g, "")
        .padEnd(16, "0")
        .slice(0, 64),
    ]) {
      const res = await send("GET", `/v1/me/choices?child=${child}`, mallory);
      expect([400, 403, 404], `child ${child}`).toContain(res.status);
    }
    expect(await (await send("GET", "/v1/me/history", alice)).text()).toBe(aliceBefore);
  });
});

describe("oversized, truncated and slow bodies", () => {
  it("a body over the 4 MiB limit is refused with 413 problem+json, announced or chunked", async () => {
    const token = await tokenFor.hdab();
    const big = JSON.stringify({ bsns: Array.from({ length: 460_000 }, () => "999990007"), permitApprovedAt: "2030-01-01T00:00:00Z" });
    expect(big.length).toBeGreaterThan(4 * 1024 * 1024);
    await expectProblem(await send("POST", "/v1/secondary-use/cohort-filter", token, big), 413, "announced");
    const bytes = new TextEncoder().encode(big);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < bytes.length; i += 65_536) controller.enqueue(bytes.slice(i, i + 65_536));
        controller.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/v1/secondary-use/cohort-filter`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "transfer-encoding": "chunked" },
      body: stream,
    });
    await expectProblem(res, 413, "chunked");
  });

  it("a slow body that arrives in pieces is read correctly", async () => {
    const token = await tokenFor.citizen();
    const text = JSON.stringify(choice);
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for (const ch of text.match(/.{1,8}/g)!) {
          controller.enqueue(new TextEncoder().encode(ch));
          await new Promise((r) => setTimeout(r, 20));
        }
        controller.close();
      },
    });
    const res = await SELF.fetch(`${BASE}/v1/me/choices`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "transfer-encoding": "chunked" },
      body: stream,
    });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it("a body cut off halfway is a 400 problem and records nothing", async () => {
    const token = await tokenFor.citizen();
    const text = JSON.stringify(choice);
    const res = await send("POST", "/v1/me/choices", token, text.slice(0, Math.floor(text.length / 2)));
    await expectProblem(res, 400, "truncated JSON");
    const list = (await (await send("GET", "/v1/me/choices", token)).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
  });
});

describe("rate limiting per client in the consent app", () => {
  async function hit(app: ReturnType<typeof buildApp>, vars: Record<string, string | undefined>, path: string, headers: Record<string, string>) {
    const ctx = createExecutionContext();
    const res = await app.fetch(new Request(BASE + path, { headers }), { ...env, ...vars }, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  }

  it("the sixth request of a citizen within the window is 429 with Retry-After; other clients are served", async () => {
    const app = buildApp("development");
    const vars = { RATE_LIMIT: "5/60", RATE_LIMITER: undefined }; // the in-isolate fallback (no binding)
    const alice = { authorization: `Bearer ${await tokenFor.citizen()}` };
    const bob = { authorization: `Bearer ${await tokenFor.citizen()}` };
    for (let i = 0; i < 5; i++) expect((await hit(app, vars, "/v1/me/choices", alice)).status).toBe(200);
    const limited = await hit(app, vars, "/v1/me/choices", alice);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(Number(limited.headers.get("retry-after"))).toBeLessThanOrEqual(12);
    expect(((await limited.json()) as { status: number }).status).toBe(429);
    expect((await hit(app, vars, "/v1/me/choices", bob)).status).toBe(200);
    expect((await hit(app, vars, "/health", alice)).status).toBe(200);
  });

  it("anonymous clients are limited per connecting address, and invalid tokens do not escape the limit", async () => {
    const app = buildApp("development");
    const vars = { RATE_LIMIT: "3/60", RATE_LIMITER: undefined };
    for (let i = 0; i < 3; i++)
      expect((await hit(app, vars, "/v1/me/choices", { "cf-connecting-ip": "198.51.100.7", authorization: `Bearer garbage${i}` })).status).toBe(401);
    expect((await hit(app, vars, "/v1/me/choices", { "cf-connecting-ip": "198.51.100.7", authorization: "Bearer garbage-again" })).status).toBe(429);
    expect((await hit(app, vars, "/v1/me/choices", { "cf-connecting-ip": "198.51.100.8" })).status).toBe(401);
  });

  it("outside development the default limit applies without any configuration (in-isolate fallback, no binding)", async () => {
    const app = buildApp("production");
    const vars = { ENVIRONMENT: "production", RATE_LIMIT: undefined, RATE_LIMITER: undefined };
    const headers = { "cf-connecting-ip": "203.0.113.1" };
    let status = 0;
    let n = 0;
    while (n < 700 && status !== 429) {
      status = (await hit(app, vars, "/v1/auth/whoami", headers)).status;
      n++;
    }
    expect(status).toBe(429);
    expect(n).toBeGreaterThan(600);
  });
});
