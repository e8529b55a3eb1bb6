/**
 * Fuzzing every public consent endpoint with hostile bodies, path segments, query values and headers:
 * the answer is always a 2xx or a 4xx problem+json (never a 5xx), a refused request changes nothing,
 * a bystander citizen's data never changes, and no error echoes a BSN.
 */
import { env, SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { mintToken } from "@regie/shared/testing/tokens";
import { bodyText, checkAnswer, uriComponent, hostileBody, hostileString } from "@regie/shared/testing";
import { checkBody, CITIZEN_READS, freshBsn, provider, seed } from "../helpers";

const BASE = "http://consent.test";
const RUNS = 25;
// generous: on a busy 2-core machine a property of 25 runs has taken over 120 s
const TIMEOUT = 300_000;
vi.setConfig({ testTimeout: TIMEOUT, hookTimeout: TIMEOUT });

type Auth = "citizen" | "bystander" | "provider" | "hdab" | "none";
let tokens: Record<Auth, string | undefined>;
let citizenBsn: string;
let bystanderBsn: string;

async function send(method: string, path: string, auth: Auth, body?: string, headers: Record<string, string> = {}) {
  const h: Record<string, string> = { ...headers };
  const token = tokens[auth];
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
  return SELF.fetch(BASE + path, { method, headers: h, body });
}

async function snapshot(auth: "citizen" | "bystander") {
  const parts = await Promise.all(
    ["/v1/me/choices", "/v1/me/history", "/v1/me/secondary-use"].map(async (p) => {
      const res = await send("GET", p, auth);
      return `${p} ${res.status} ${await res.text()}`;
    }),
  );
  return parts.join("\n");
}

async function expectSafe(res: Response, context: string) {
  const clone = res.clone();
  const status = res.status;
  const verdict = await checkAnswer(res);
  expect(verdict.ok, `${context}: ${verdict.why}`).toBe(true);
  const text = await clone.text();
  if (status >= 400) for (const bsn of [citizenBsn, bystanderBsn]) expect(text.includes(bsn), `${context}: an error echoes a BSN`).toBe(false);
  return status;
}

const choice = { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit", validUntil: null };

beforeAll(async () => {
  await seed();
  citizenBsn = freshBsn();
  bystanderBsn = freshBsn();
  const p = provider("huisarts");
  tokens = {
    citizen: await mintToken(env, { role: "citizen", bsn: citizenBsn }),
    bystander: await mintToken(env, { role: "citizen", bsn: bystanderBsn }),
    provider: await mintToken(env, { role: "provider", ura: p.ura, organizationType: p.organizationType, uziRole: p.uziRole }),
    hdab: await mintToken(env, { role: "hdab", sub: "hdab-nl" }),
    none: undefined,
  };
  // The bystander has a choice and an opt-out that nothing below may touch.
  expect((await send("POST", "/v1/me/choices", "bystander", JSON.stringify(choice))).status).toBe(201);
  expect((await send("PUT", "/v1/me/secondary-use", "bystander", JSON.stringify({ optOut: true }))).status).toBe(200);
});

describe("hostile bodies on write endpoints: 2xx or 4xx problem+json; a refused write changes nothing", () => {
  const endpoints: { method: string; path: string; auth: Auth; valid: () => unknown; owner?: "citizen" }[] = [
    { method: "POST", path: "/v1/me/choices", auth: "citizen", valid: () => choice, owner: "citizen" },
    { method: "PUT", path: "/v1/me/secondary-use", auth: "citizen", valid: () => ({ optOut: false }), owner: "citizen" },
    {
      method: "POST",
      path: "/v1/consent-check",
      auth: "provider",
      valid: () => checkBody(citizenBsn, "ziekenhuis", "huisarts", ["GGC002", "GGC012", "GGC013"]),
    },
    {
      method: "POST",
      path: "/v1/locate",
      auth: "provider",
      valid: () => ({ patient: { bsn: citizenBsn }, requester: checkBody(citizenBsn, "huisarts", "huisarts", ["GGC002"]).requester, purpose: "TREAT" }),
    },
    { method: "POST", path: "/v1/subscriptions", auth: "provider", valid: () => ({ patient: { bsn: freshBsn() }, dataCategories: ["GGC002"] }) },
    { method: "POST", path: "/v1/provider/choices", auth: "provider", valid: () => ({ patient: { bsn: freshBsn() }, choice }) },
    {
      method: "POST",
      path: "/v1/temporary-consent",
      auth: "provider",
      valid: () => ({ patient: { bsn: freshBsn() }, holder: { category: "ziekenhuis" }, dataCategories: ["GGC002"], reason: "acute situation" }),
    },
    {
      method: "POST",
      path: "/v1/secondary-use/cohort-filter",
      auth: "hdab",
      valid: () => ({ bsns: [citizenBsn, bystanderBsn], permitApprovedAt: "2030-01-01T00:00:00Z" }),
    },
    {
      method: "POST",
      path: "/v1/me/children/0123456789abcdef/confirmations",
      auth: "citizen",
      valid: () => ({ choiceId: "x", code: "123456" }),
      owner: "citizen",
    },
  ];

  for (const ep of endpoints) {
    it(`${ep.method} ${ep.path}`, async () => {
      const valid = ep.valid();
      // The valid body itself is accepted (otherwise the mutations below would prove little).
      const baseline = await send(ep.method, ep.path, ep.auth, JSON.stringify(valid));
      expect(baseline.status, await baseline.clone().text()).toBeLessThan(ep.path.includes("/children/") ? 500 : 300);
      await fc.assert(
        fc.asyncProperty(hostileBody(valid), async (body) => {
          const before = ep.owner ? await snapshot(ep.owner) : undefined;
          const text = bodyText(body);
          const status = await expectSafe(await send(ep.method, ep.path, ep.auth, text), `${ep.method} ${ep.path} with ${text.slice(0, 120)}`);
          if (status >= 400 && ep.owner) expect(await snapshot(ep.owner), `a refused ${ep.method} ${ep.path} changed data`).toBe(before);
        }),
        { numRuns: RUNS },
      );
    });
  }
});

describe("hostile path segments, query values and headers", () => {
  it("choice ids in PUT/DELETE /v1/me/choices/{id} (a refused change changes nothing)", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, fc.constantFrom("PUT", "DELETE"), async (id, method) => {
        const before = await snapshot("citizen");
        const path = `/v1/me/choices/${uriComponent(id)}`;
        const status = await expectSafe(await send(method, path, "citizen", method === "PUT" ? JSON.stringify(choice) : undefined), `${method} ${path}`);
        expect(status).toBeGreaterThanOrEqual(400);
        expect(await snapshot("citizen")).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("?child= and other query values on the citizen's read routes", async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...CITIZEN_READS), hostileString, hostileString, async (path, child, other) => {
        const q = new URLSearchParams({ child, limit: other, cursor: other });
        await expectSafe(await send("GET", `${path}?${q}`, "citizen"), `GET ${path}?${q}`);
      }),
      { numRuns: RUNS },
    );
  });

  it("GET /fhir/Consent?patient= for a citizen and a provider", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(hostileString, fc.constant(`http://fhir.nl/fhir/NamingSystem/bsn|${"9".repeat(9)}`)),
        fc.constantFrom<Auth>("citizen", "provider"),
        async (patient, auth) => {
          await expectSafe(await send("GET", `/fhir/Consent?${new URLSearchParams({ patient })}`, auth), `GET /fhir/Consent?patient=${patient.slice(0, 80)}`);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("Idempotency-Key and content-type headers", async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileString,
        fc.constantFrom(
          "application/json",
          "text/plain",
          "application/x-www-form-urlencoded",
          "application/json; charset=utf-16",
          "multipart/form-data; boundary=x",
          "application/merge-patch+json",
        ),
        async (key, type) => {
          const headers: Record<string, string> = { "content-type": type };
          // Header values must be ByteStrings; a fetch client cannot even send other characters.
          if (/^[\x20-\x7e]*$/.test(key)) headers["idempotency-key"] = key;
          await expectSafe(
            await send("POST", "/v1/me/choices", "citizen", JSON.stringify(choice), headers),
            `POST /v1/me/choices with idempotency-key ${key.slice(0, 60)} and ${type}`,
          );
        },
      ),
      { numRuns: RUNS },
    );
  });
});

describe("the bystander", () => {
  it("still has exactly the choice and opt-out recorded before the fuzzing", async () => {
    const choices = (await (await send("GET", "/v1/me/choices", "bystander")).json()) as { items: { holder: unknown; decision: string; status: string }[] };
    expect(choices.items).toHaveLength(1);
    expect(choices.items[0]).toMatchObject({ holder: { category: "huisarts" }, decision: "permit", status: "active" });
    const history = (await (await send("GET", "/v1/me/history", "bystander")).json()) as { items: unknown[] };
    expect(history.items).toHaveLength(1);
    expect(await (await send("GET", "/v1/me/secondary-use", "bystander")).json()).toMatchObject({ optOut: true });
  });
});
