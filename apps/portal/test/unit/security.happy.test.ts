import { describe, expect, it } from "vitest";
import { safeReturnPath } from "../../src/auth/guard";
import { authorizationUrl, completeLogin, oidcConfig, OidcError, pkceChallenge, type OidcConfig } from "../../src/auth/oidc";
import { sameOrigin } from "../../src/security/csrf";
import { deriveKey, seal, unseal } from "../../src/session/crypto";
import { productionEnv } from "../helpers";

/** The configuration the portal reads from production's env (test/helpers.ts: the broker at https://broker.example, client regie-portal), with a client secret. */
const cfg: OidcConfig = oidcConfig(productionEnv({ OIDC_CLIENT_SECRET: "s3cret" }))!;

describe("OIDC authorisation code + PKCE (unit level; no real provider is reachable here)", () => {
  it("computes the S256 challenge of RFC 7636 appendix B", async () => {
    expect(await pkceChallenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("builds the authorisation request with state, nonce and the challenge", () => {
    const url = new URL(authorizationUrl(cfg, { state: "st", nonce: "no", challenge: "ch", lang: "nl" }));
    expect(url.origin + url.pathname).toBe("https://broker.example/authorize");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: "code",
      client_id: "regie-portal",
      redirect_uri: cfg.redirectUri,
      scope: "openid",
      state: "st",
      nonce: "no",
      code_challenge: "ch",
      code_challenge_method: "S256",
      ui_locales: "nl",
    });
  });

  const callback = new URL("https://portal.example/inloggen/oidc/callback?state=st&code=the-code");
  const pending = { state: "st", nonce: "no", verifier: "the-verifier-".padEnd(43, "x") };

  it("exchanges the code with the verifier and client authentication (oauth4webapi)", async () => {
    let seen: { url: string; init: RequestInit } | undefined;
    const recording = (async (url: string, init: RequestInit) => {
      seen = { url, init };
      return Response.json({ error: "invalid_grant" }, { status: 400 });
    }) as unknown as typeof fetch;
    await expect(completeLogin(cfg, callback, pending, recording)).rejects.toBeInstanceOf(OidcError);
    expect(seen!.url).toBe(cfg.tokenEndpoint);
    expect(seen!.init.method).toBe("POST");
    const body = new URLSearchParams(String(seen!.init.body));
    expect(body.get("grant_type")).toBe("authorization_code");
    expect(body.get("code")).toBe("the-code");
    expect(body.get("code_verifier")).toBe(pending.verifier);
    expect(body.get("redirect_uri")).toBe(cfg.redirectUri);
    // client_secret_basic (RFC 6749 section 2.3.1): id and secret form-encoded, then Basic
    const basic = new Headers(seen!.init.headers).get("authorization")!;
    expect(basic).toMatch(/^Basic /);
    expect(atob(basic.slice(6)).split(":").map(decodeURIComponent)).toEqual(["regie-portal", "s3cret"]);
  });

  it("refuses a failed or token-less answer", async () => {
    const failing = (async () => new Response("{}", { status: 400 })) as unknown as typeof fetch;
    await expect(completeLogin(cfg, callback, pending, failing)).rejects.toBeInstanceOf(OidcError);
    const empty = (async () => Response.json({ token_type: "Bearer" })) as unknown as typeof fetch;
    await expect(completeLogin(cfg, callback, pending, empty)).rejects.toBeInstanceOf(OidcError);
    const noIdToken = (async () => Response.json({ access_token: "at", token_type: "Bearer", expires_in: 600 })) as unknown as typeof fetch;
    await expect(completeLogin(cfg, callback, pending, noIdToken)).rejects.toBeInstanceOf(OidcError);
  });

  it("refuses a callback with another state or an error, without calling the provider", async () => {
    let called = 0;
    const counting = (async () => {
      called++;
      return new Response("{}", { status: 500 });
    }) as unknown as typeof fetch;
    await expect(completeLogin(cfg, new URL("https://portal.example/cb?state=forged&code=c"), pending, counting)).rejects.toBeInstanceOf(OidcError);
    await expect(completeLogin(cfg, new URL("https://portal.example/cb?state=st&error=access_denied"), pending, counting)).rejects.toBeInstanceOf(OidcError);
    await expect(
      completeLogin(cfg, new URL("https://portal.example/cb?state=st&code=c&iss=https%3A%2F%2Fevil.example"), pending, counting),
    ).rejects.toBeInstanceOf(OidcError);
    expect(called).toBe(0);
  });
});

describe("sealed cookies", () => {
  it("round-trip, and reject tampering or another key", async () => {
    const key = await deriveKey("secret-one", "test");
    const sealed = await seal(key, { a: 1 });
    expect(await unseal(key, sealed)).toEqual({ a: 1 });
    const flipped = sealed.slice(0, 20) + (sealed[20] === "A" ? "B" : "A") + sealed.slice(21);
    expect(await unseal(key, flipped)).toBeUndefined();
    expect(await unseal(await deriveKey("secret-two", "test"), sealed)).toBeUndefined();
    expect(await unseal(key, "garbage!")).toBeUndefined();
  });

  it("an expired value unseals to nothing, a current one to itself", async () => {
    const key = await deriveKey("secret-one", "test");
    const now = Math.floor(Date.now() / 1000);
    expect(await unseal(key, await seal(key, { a: 1, exp: now - 5 }))).toBeUndefined();
    expect(await unseal(key, await seal(key, { a: 1, exp: now + 60 }))).toEqual({ a: 1, exp: now + 60 });
  });
});

describe("redirect and origin checks", () => {
  it("only returns to local paths", () => {
    expect(safeReturnPath("/mijn?x=1")).toBe("/mijn?x=1");
    for (const bad of ["//evil.example", "https://evil.example", "/\\evil", "", undefined, "mijn"]) expect(safeReturnPath(bad)).toBe("/");
  });

  it("accepts same-origin posts and configured origins only", () => {
    expect(sameOrigin("http://localhost:8787/x", "http://localhost:8787", "same-origin")).toBe(true);
    expect(sameOrigin("http://localhost:8787/x", "null", undefined)).toBe(false);
    expect(sameOrigin("http://localhost:8787/x", "http://localhost:8787", "same-site")).toBe(false);
    expect(sameOrigin("http://localhost:8787/x", "http://localhost:9999", undefined)).toBe(false);
    expect(sameOrigin("http://localhost:8787/x", "http://localhost:8787", "cross-site")).toBe(false);
    expect(sameOrigin("http://internal/x", "https://portal.example", undefined, ["https://portal.example"])).toBe(true);
  });
});
