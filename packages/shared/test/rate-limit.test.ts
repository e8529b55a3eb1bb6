import { describe, expect, it } from "vitest";
import { createApp } from "../src/http/app";
import { bindingLimiter, clientKey, parseRateLimit, rateLimit, TokenBucketLimiter } from "../src/http/rate-limit";
import { verifyTokenCached } from "../src/auth/verify-cached";
import { TEST_ISSUER, testAuthBindings } from "../src/testing/issuer";
import { mintToken, type TestAuthEnv } from "../src/testing/tokens";

function fakeJwt(payload: Record<string, unknown>): string {
  const enc = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${enc({ alg: "ES256", typ: "JWT" })}.${enc(payload)}.c2lnbmF0dXJl`;
}

/** Bindings with a fresh trusted test issuer, plus `extra`. */
async function authEnv(extra: Record<string, string>): Promise<Record<string, string> & TestAuthEnv> {
  const b = await testAuthBindings();
  return { ...b, ...extra, TEST_ISSUER: b.TEST_ISSUER!, TEST_SIGNING_JWK: b.TEST_SIGNING_JWK! };
}

function headers(h: Record<string, string>) {
  return new Headers(h);
}

describe("parseRateLimit", () => {
  it("reads requests/seconds", () => {
    expect(parseRateLimit("600/60")).toEqual({ limit: 600, periodSeconds: 60 });
    expect(parseRateLimit(" 5 / 10s ")).toEqual({ limit: 5, periodSeconds: 10 });
  });
  it("treats absent, empty, off and 0 as no limit", () => {
    for (const raw of [undefined, "", "off", "OFF", "0", "0/60"]) expect(parseRateLimit(raw)).toBeNull();
  });
  it("rejects nonsense loudly instead of silently not limiting", () => {
    for (const raw of ["lots", "10", "10/", "-1/60", "1e3/60"]) expect(() => parseRateLimit(raw)).toThrow(/RATE_LIMIT/);
  });
});

describe("TokenBucketLimiter", () => {
  it("allows a burst of `limit`, then refuses with the seconds until one request is refilled", () => {
    let now = 1_000_000;
    const limiter = new TokenBucketLimiter(100, () => now);
    const rule = { limit: 3, periodSeconds: 30 }; // one token per 10 s
    expect([1, 2, 3].map(() => limiter.take("a", rule).allowed)).toEqual([true, true, true]);
    const refused = limiter.take("a", rule);
    expect(refused).toEqual({ allowed: false, retryAfterSeconds: 10, remaining: 0 });
    now += 4_000;
    expect(limiter.take("a", rule).retryAfterSeconds).toBe(6);
    now += 6_000;
    expect(limiter.take("a", rule).allowed).toBe(true);
    expect(limiter.take("a", rule).allowed).toBe(false);
  });

  it("keeps clients apart", () => {
    const limiter = new TokenBucketLimiter(100, () => 0);
    const rule = { limit: 1, periodSeconds: 60 };
    expect(limiter.take("a", rule).allowed).toBe(true);
    expect(limiter.take("a", rule).allowed).toBe(false);
    expect(limiter.take("b", rule).allowed).toBe(true);
  });

  it("never refills beyond the burst size", () => {
    let now = 0;
    const limiter = new TokenBucketLimiter(100, () => now);
    const rule = { limit: 2, periodSeconds: 1 };
    limiter.take("a", rule);
    now += 3_600_000;
    expect([1, 2, 3].map(() => limiter.take("a", rule).allowed)).toEqual([true, true, false]);
  });

  it("holds at most maxKeys clients, dropping the least recently seen", () => {
    const limiter = new TokenBucketLimiter(3, () => 0);
    const rule = { limit: 1, periodSeconds: 60 };
    for (const k of ["a", "b", "c"]) limiter.take(k, rule);
    limiter.take("a", rule); // a is now the most recent (and refused)
    limiter.take("d", rule); // evicts b
    expect(limiter.size).toBe(3);
    expect(limiter.take("a", rule).allowed).toBe(false); // still remembered
    expect(limiter.take("b", rule).allowed).toBe(true); // forgotten, starts afresh
  });
});

describe("clientKey", () => {
  const audience = "regie-consent";
  async function setup() {
    const env = await authEnv({ AUTH_AUDIENCE: audience });
    const verify = (token: string) => verifyTokenCached(token, env.TRUSTED_ISSUERS!, audience);
    return { env, verify };
  }

  it("uses the verified token's issuer and identity: subject, URA or publisher", async () => {
    const { env, verify } = await setup();
    const researcher = await mintToken(env, { role: "researcher", sub: "researcher-anna", name: "Anna", organisation: "UMC" });
    expect(await clientKey(headers({ authorization: `Bearer ${researcher}` }), verify)).toBe(`sub:${TEST_ISSUER}|researcher-anna`);
    const provider = await mintToken(env, { role: "provider", ura: "00001001", organizationType: "Z3" });
    expect(await clientKey(headers({ authorization: `Bearer ${provider}` }), verify)).toBe(`sub:${TEST_ISSUER}|ura:00001001`);
    const publisher = await mintToken(env, { role: "publisher", publisherId: "rivm" });
    expect(await clientKey(headers({ authorization: `Bearer ${publisher}` }), verify)).toBe(`sub:${TEST_ISSUER}|publisher:rivm`);
  });

  it("never keeps a raw BSN in a key", async () => {
    const { env, verify } = await setup();
    const key = await clientKey(headers({ authorization: `Bearer ${await mintToken(env, { role: "citizen", bsn: "999990007" })}` }), verify);
    expect(key).toMatch(new RegExp(`^sub:${TEST_ISSUER.replace(/[.]/g, "\\.")}\\|citizen:`));
    expect(key).not.toContain("999990007");
    const other = await clientKey(headers({ authorization: `Bearer ${await mintToken(env, { role: "citizen", bsn: "999990019" })}` }), verify);
    expect(other).not.toBe(key);
  });

  it("a token that does not verify counts against its address, never against the subject it names", async () => {
    const { env, verify } = await setup();
    const forged = fakeJwt({
      iss: TEST_ISSUER,
      aud: audience,
      role: "provider",
      ura: "00001001",
      organizationType: "Z3",
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: `Bearer ${forged}` }), verify)).toBe("bad-token:192.0.2.1");
    const elsewhere = await mintToken(env, { role: "provider", ura: "00001001", organizationType: "Z3" });
    expect(
      await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: `Bearer ${elsewhere}` }), (t) =>
        verifyTokenCached(t, env.TRUSTED_ISSUERS!, "another-audience"),
      ),
    ).toBe("bad-token:192.0.2.1");
  });

  it("falls back to the connecting address, separately for garbage tokens, and to nothing", async () => {
    const { verify } = await setup();
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1" }), verify)).toBe("ip:192.0.2.1");
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: "Bearer garbage" }), verify)).toBe("bad-token:192.0.2.1");
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: "Basic dXNlcjpwYXNz" }), verify)).toBe("bad-token:192.0.2.1");
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: "Bearer a.!!!.b" }), verify)).toBe("bad-token:192.0.2.1");
    expect(await clientKey(headers({ authorization: "Bearer garbage" }), verify)).toBeUndefined();
    expect(await clientKey(headers({}), verify)).toBeUndefined();
  });

  it("in an app that cannot verify tokens, every token counts against its address", async () => {
    const token = fakeJwt({ iss: "i", sub: "s" });
    expect(await clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: `Bearer ${token}` }))).toBe("ip:192.0.2.1");
    expect(await clientKey(headers({ authorization: `Bearer ${token}` }))).toBeUndefined();
  });
});

describe("rate limiting in createApp", () => {
  function app() {
    const a = createApp({ name: "t", title: "t", openapi: false });
    a.get("/thing", (c) => c.json({ ok: true }));
    return a;
  }

  it("answers 429 problem+json with Retry-After once a client is over its limit, and serves other clients", async () => {
    const a = app();
    const env = { RATE_LIMIT: "2/60" };
    const from = (ip: string) => ({ headers: { "cf-connecting-ip": ip } });
    expect((await a.request("/thing", from("192.0.2.1"), env)).status).toBe(200);
    expect((await a.request("/thing", from("192.0.2.1"), env)).status).toBe(200);
    const res = await a.request("/thing", from("192.0.2.1"), env);
    expect(res.status).toBe(429);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(Number(res.headers.get("retry-after"))).toBe(30);
    const body = (await res.json()) as { status: number; type: string; detail: string; requestId: string };
    expect(body.requestId).toBeTruthy();
    expect(body.status).toBe(429);
    expect(body.type).toBe("https://regie.nl/problems/too-many-requests");
    expect(body.detail).toMatch(/Try again in 30 s/);
    expect((await a.request("/thing", from("192.0.2.2"), env)).status).toBe(200);
  });

  it("limits per verified token subject, whatever address it comes from", async () => {
    const a = app();
    const env = await authEnv({ AUTH_AUDIENCE: "regie-consent", RATE_LIMIT: "1/60" });
    const token = await mintToken(env, { role: "hdab", sub: "hdab-nl" });
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": "192.0.2.1" } }, env)).status).toBe(200);
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": "192.0.2.9" } }, env)).status).toBe(429);
    const other = await mintToken(env, { role: "hdab", sub: "hdab-be" });
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${other}`, "cf-connecting-ip": "192.0.2.9" } }, env)).status).toBe(200);
  });

  it("forged tokens naming a provider do not use up that provider's budget", async () => {
    const a = app();
    const env = await authEnv({ AUTH_AUDIENCE: "regie-consent", RATE_LIMIT: "2/60" });
    const real = await mintToken(env, { role: "provider", ura: "00001001", organizationType: "Z3" });
    const forged = fakeJwt({
      iss: TEST_ISSUER,
      aud: "regie-consent",
      role: "provider",
      ura: "00001001",
      organizationType: "Z3",
      exp: Math.floor(Date.now() / 1000) + 600,
    });
    const from = (ip: string, token: string) => ({ headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": ip } });
    expect((await a.request("/thing", from("192.0.2.1", real), env)).status).toBe(200);
    const attacker = [];
    for (let i = 0; i < 5; i++) attacker.push((await a.request("/thing", from("203.0.113.66", forged), env)).status);
    expect(attacker).toEqual([200, 200, 429, 429, 429]); // limited per address as bad tokens
    expect((await a.request("/thing", from("192.0.2.1", real), env)).status).toBe(200); // the provider still has its second request
    expect((await a.request("/thing", from("192.0.2.1", real), env)).status).toBe(429);
  });

  it("limits by default (600 per minute) when RATE_LIMIT is not set outside development", async () => {
    const a = createApp({ name: "t", title: "t", openapi: false, rateLimit: { limiter: new TokenBucketLimiter(100, () => 0) } });
    a.get("/thing", (c) => c.json({ ok: true }));
    const from = { headers: { "cf-connecting-ip": "192.0.2.1" } };
    for (let i = 0; i < 600; i++) expect((await a.request("/thing", from, { ENVIRONMENT: "production" })).status).toBe(200);
    const res = await a.request("/thing", from, { ENVIRONMENT: "production" });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
  });

  it("outside development counts in the Rate Limiting binding when the worker has one; in development in the isolate", async () => {
    const a = createApp({ name: "t", title: "t", openapi: false });
    a.get("/thing", (c) => c.json({ ok: true }));
    const asked: string[] = [];
    let allow = 2;
    const RATE_LIMITER = { limit: async ({ key }: { key: string }) => (asked.push(key), { success: allow-- > 0 }) };
    const from = { headers: { "cf-connecting-ip": "192.0.2.9" } };
    const prod = { ENVIRONMENT: "production", RATE_LIMIT: "100/60", RATE_LIMITER };
    expect([(await a.request("/thing", from, prod)).status, (await a.request("/thing", from, prod)).status]).toEqual([200, 200]);
    const limited = await a.request("/thing", from, prod);
    expect(limited.status).toBe(429);
    // the binding does not say when to retry: the whole period
    expect(limited.headers.get("retry-after")).toBe("60");
    expect(asked).toEqual(["ip:192.0.2.9", "ip:192.0.2.9", "ip:192.0.2.9"]);
    // development never asks the binding: a local rule counts per isolate
    const dev = { ENVIRONMENT: "development", RATE_LIMIT: "1/60", RATE_LIMITER };
    expect((await a.request("/thing", from, dev)).status).toBe(200);
    expect((await a.request("/thing", from, dev)).status).toBe(429);
    expect(asked).toHaveLength(3);
  });

  it("does nothing in development without RATE_LIMIT, with RATE_LIMIT=off, for /health, or for requests without a client identity", async () => {
    const a = app();
    const from = { headers: { "cf-connecting-ip": "192.0.2.1" } };
    for (let i = 0; i < 5; i++) {
      expect((await a.request("/thing", from, { ENVIRONMENT: "development" })).status).toBe(200);
      expect((await a.request("/thing", from, { RATE_LIMIT: "off" })).status).toBe(200);
      expect((await a.request("/health", from, { RATE_LIMIT: "1/60" })).status).toBe(200);
      expect((await a.request("/thing", {}, { RATE_LIMIT: "1/60" })).status).toBe(200);
    }
  });

  it("can be switched off per app", async () => {
    const a = createApp({ name: "t", title: "t", openapi: false, rateLimit: false });
    a.get("/thing", (c) => c.text("ok"));
    for (let i = 0; i < 3; i++) expect((await a.request("/thing", { headers: { "cf-connecting-ip": "192.0.2.1" } }, { RATE_LIMIT: "1/60" })).status).toBe(200);
  });

  it("uses Cloudflare's Rate Limiting binding through the same interface", async () => {
    const seen: string[] = [];
    let left = 1;
    const binding = { limit: async ({ key }: { key: string }) => (seen.push(key), { success: left-- > 0 }) };
    const a = createApp({ name: "t", title: "t", openapi: false, rateLimit: { limiter: bindingLimiter(binding) } });
    a.get("/thing", (c) => c.text("ok"));
    const env = { RATE_LIMIT: "100/10" };
    const init = { headers: { "cf-connecting-ip": "192.0.2.1" } };
    expect((await a.request("/thing", init, env)).status).toBe(200);
    const res = await a.request("/thing", init, env);
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("10");
    expect(seen).toEqual(["ip:192.0.2.1", "ip:192.0.2.1"]);
  });

  it("a standalone middleware works in any Hono app", async () => {
    const a = createApp({ name: "t", title: "t", openapi: false, rateLimit: false, middleware: [rateLimit({ variable: "LIMIT_X" })] });
    a.get("/thing", (c) => c.text("ok"));
    const init = { headers: { "cf-connecting-ip": "192.0.2.1" } };
    expect((await a.request("/thing", init, { LIMIT_X: "1/5" })).status).toBe(200);
    expect((await a.request("/thing", init, { LIMIT_X: "1/5" })).status).toBe(429);
  });
});
