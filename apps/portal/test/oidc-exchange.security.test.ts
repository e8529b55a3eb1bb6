/**
 * The production login end to end against a fake OpenID provider at the HTTP level (test/fakes/oidc-provider.ts,
 * installed as the global fetch): the portal's real code path (oauth4webapi for the code exchange and the ID
 * token, jose for the access token) runs, and only a login whose ID token is right signs the user in.
 */
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { cookieOf, pageGetter, productionEnv, textOf } from "./helpers";
import { CLIENT_ID, fakeProvider, PROVIDER, type FakeProvider } from "./fakes/oidc-provider";

const env = productionEnv({ OIDC_CLIENT_SECRET: "s3cret" });
let provider: FakeProvider;

// One provider (one signing key) for the file: the portal caches the provider's JWKS per isolate.
beforeAll(async () => {
  provider = await fakeProvider();
});
beforeEach(() => {
  provider.requests.length = 0;
  provider.idToken = {};
  vi.stubGlobal("fetch", provider.fetch);
});
afterEach(() => vi.unstubAllGlobals());

const get = pageGetter(env);

/** Starts a login, lets the provider see the authorisation request, and comes back with a code. */
async function login(next = "/"): Promise<{ res: Response; cookie: string }> {
  const start = await get(`/inloggen/oidc?next=${encodeURIComponent(next)}`);
  const location = start.headers.get("location")!;
  provider.authorize(location);
  const state = new URL(location).searchParams.get("state")!;
  const res = await get(`/inloggen/oidc/callback?state=${state}&code=the-code`, cookieOf(start));
  return { res, cookie: cookieOf(res) };
}

describe("OIDC code exchange against a provider", () => {
  it("exchanges the code with the PKCE verifier and client authentication, verifies both tokens and signs the user in", async () => {
    const { res, cookie } = await login("/mijn/inzage");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/mijn/inzage");
    expect(provider.requests).toHaveLength(1);
    const [request] = provider.requests;
    expect(request!.url).toBe(`${PROVIDER}/token`);
    expect(request!.method).toBe("POST");
    expect(request!.body.get("grant_type")).toBe("authorization_code");
    expect(request!.body.get("code")).toBe("the-code");
    expect(request!.body.get("redirect_uri")).toBe(env.OIDC_REDIRECT_URI);
    const basic = request!.headers.get("authorization")!;
    expect(basic).toMatch(/^Basic /);
    expect(atob(basic.slice(6)).split(":").map(decodeURIComponent)).toEqual([CLIENT_ID, "s3cret"]);
    const home = textOf(await (await get("/", cookie)).text());
    expect(home).toContain("Ingelogd als Jan Jansen");
    expect(home).toContain("U bent ingelogd als Jan Jansen.");
  });

  for (const [what, idToken] of [
    ["an ID token with another nonce (a replayed or injected login)", { nonce: "someone-elses-nonce" }],
    ["an ID token for another client (audience)", { aud: "another-client" }],
    ["an ID token from another issuer", { iss: "https://evil.example" }],
    ["an ID token signed with another key", { signWith: "stranger" as const }],
  ] as const) {
    it(`refuses ${what}: nobody is signed in and the user is told`, async () => {
      provider.idToken = idToken;
      const log = vi.spyOn(console, "error").mockImplementation(() => {});
      const { res, cookie } = await login("/mijn");
      // refused by oauth4webapi's checks of the ID token, logged without any token
      const lines = log.mock.calls.map((a) => JSON.parse(String(a[0])) as { msg: string; error: string; message: string });
      log.mockRestore();
      expect(lines).toEqual([
        { level: "warn", msg: "oidc login failed", error: "OidcError", message: expect.stringMatching(/^OIDC login failed: OAUTH_[A-Z_]+$/) },
      ]);
      expect(res.status).toBe(303);
      expect(res.headers.get("location")).toBe("/inloggen");
      expect(provider.requests).toHaveLength(1);
      const page = textOf(await (await get("/inloggen", cookie)).text());
      expect(page).toContain("Inloggen is niet gelukt. Probeer het opnieuw.");
      expect(page).not.toContain("Jan Jansen");
      const mine = await get("/mijn", cookie);
      expect(mine.status).toBe(303);
      expect(mine.headers.get("location")).toBe("/inloggen?next=%2Fmijn");
    });
  }
});
