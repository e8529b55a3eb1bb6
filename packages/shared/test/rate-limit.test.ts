import { describe, expect, it } from "vitest";
import { createApp } from "../src/http/app";
import { bindingLimiter, clientKey, parseRateLimit, rateLimit, TokenBucketLimiter } from "../src/http/rate-limit";

function fakeJwt(payload: Record<string, unknown>): string {
  const enc = (o: unknown) => btoa(JSON.stringify(o)).replace(/=+$/, "").replace(/\+/g, "-").replace(/\//g, "_");
  return `${enc({ alg: "ES256", typ: "JWT" })}.${enc(payload)}.c2lnbmF0dXJl`;
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
  it("uses issuer and subject of a bearer token, or the role's identifier", () => {
    const iss = "https://issuer.example";
    expect(clientKey(headers({ authorization: `Bearer ${fakeJwt({ iss, sub: "researcher-anna" })}` }))).toBe(`sub:${iss}|researcher-anna`);
    expect(clientKey(headers({ authorization: `Bearer ${fakeJwt({ iss, ura: "00001001" })}` }))).toBe(`sub:${iss}|ura:00001001`);
  });

  it("never keeps a raw BSN in a key", () => {
    const key = clientKey(headers({ authorization: `Bearer ${fakeJwt({ iss: "x", role: "citizen", bsn: "999990007" })}` }));
    expect(key).toMatch(/^sub:x\|citizen:/);
    expect(key).not.toContain("999990007");
    const other = clientKey(headers({ authorization: `Bearer ${fakeJwt({ iss: "x", role: "citizen", bsn: "999990019" })}` }));
    expect(other).not.toBe(key);
  });

  it("falls back to the connecting address, separately for garbage tokens, and to nothing", () => {
    expect(clientKey(headers({ "cf-connecting-ip": "192.0.2.1" }))).toBe("ip:192.0.2.1");
    expect(clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: "Bearer garbage" }))).toBe("bad-token:192.0.2.1");
    expect(clientKey(headers({ "cf-connecting-ip": "192.0.2.1", authorization: "Bearer a.!!!.b" }))).toBe("bad-token:192.0.2.1");
    expect(clientKey(headers({}))).toBeUndefined();
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

  it("limits per token subject, whatever address it comes from", async () => {
    const a = app();
    const env = { RATE_LIMIT: "1/60" };
    const token = fakeJwt({ iss: "i", sub: "s" });
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": "192.0.2.1" } }, env)).status).toBe(200);
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": "192.0.2.9" } }, env)).status).toBe(429);
    expect((await a.request("/thing", { headers: { authorization: `Bearer ${fakeJwt({ iss: "i", sub: "t" })}` } }, env)).status).toBe(200);
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
