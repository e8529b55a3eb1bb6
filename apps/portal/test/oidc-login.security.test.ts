import { describe, expect, it } from "vitest";
import { cookieOf, pageGetter, productionEnv, textOf } from "./helpers";

/** The portal as configured for production login (OIDC vars set); no provider is contacted in these tests. */
const oidcEnv = productionEnv();

const get = pageGetter(oidcEnv);

describe("OIDC login routes", () => {
  it("the login page offers the configured provider and no demo login", async () => {
    const html = await (await get("/inloggen")).text();
    expect(textOf(html)).toContain("Inloggen met DigiD");
    expect(html).not.toContain("/inloggen/demo");
  });

  it("redirects to the provider with state, nonce and an S256 PKCE challenge", async () => {
    const res = await get("/inloggen/oidc?next=%2Fmijn");
    expect(res.status).toBe(302);
    const url = new URL(res.headers.get("location")!);
    expect(url.origin + url.pathname).toBe("https://broker.example/authorize");
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("code_challenge")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("state")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("nonce")).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(url.searchParams.get("redirect_uri")).toBe(oidcEnv.OIDC_REDIRECT_URI);
    // the verifier stays in the encrypted session, never in the URL
    expect(res.headers.get("location")).not.toContain("verifier");
  });

  it("refuses a callback with a wrong state, or without a login in progress, without calling the provider", async () => {
    const start = await get("/inloggen/oidc");
    const cookie = cookieOf(start);
    const wrong = await get("/inloggen/oidc/callback?state=forged&code=abc", cookie);
    expect(wrong.status).toBe(303);
    expect(wrong.headers.get("location")).toBe("/inloggen");
    const page = await get("/inloggen", cookieOf(wrong));
    expect(textOf(await page.text())).toContain("Inloggen is niet gelukt. Probeer het opnieuw.");
    // the pending login was used up: even the right state no longer works
    const state = new URL(start.headers.get("location")!).searchParams.get("state")!;
    const replay = await get(`/inloggen/oidc/callback?state=${state}&code=abc`, cookieOf(wrong));
    expect(replay.headers.get("location")).toBe("/inloggen");
    const none = await get(`/inloggen/oidc/callback?state=${state}&code=abc`);
    expect(none.headers.get("location")).toBe("/inloggen");
  });

  it("production without OIDC configuration serves nothing, and says which settings are missing", async () => {
    const plain = productionEnv({ OIDC_ISSUER: "", OIDC_TOKEN_ENDPOINT: undefined });
    const res = await pageGetter(plain)("/inloggen/oidc");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const problem = (await res.json()) as { detail: string; errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toEqual(["/env/OIDC_ISSUER", "/env/OIDC_TOKEN_ENDPOINT"]);
    expect(problem.detail).toContain("OIDC_ISSUER");
  });
});
