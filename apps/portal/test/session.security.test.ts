import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { generateEs256Jwk } from "@regie/shared/auth/dev-issuer";
import { buildApp } from "../src/app";
import { Browser, ORIGIN, pageGetter, productionEnv, setCookies, textOf, workerUnder } from "./helpers";

describe("session cookie", () => {
  it("is HttpOnly, Secure, SameSite=Lax and encrypted (no token or BSN readable in it)", async () => {
    const b = new Browser();
    const res = await b.login("citizen:jan");
    expect(res.status).toBe(303);
    const line = setCookies(res).find((l) => l.startsWith("regie_session="))!;
    expect(line).toMatch(/HttpOnly/i);
    expect(line).toMatch(/Secure/i);
    expect(line).toMatch(/SameSite=Lax/i);
    expect(line).toMatch(/Path=\//);
    const value = b.cookies.get("regie_session")!;
    // a compact JWE: protected header, (empty) encrypted key, IV, ciphertext, tag; only the header is readable
    const parts = value.split(".");
    expect(parts).toHaveLength(5);
    expect(JSON.parse(atob(parts[0]!.replace(/-/g, "+").replace(/_/g, "/")))).toEqual({ alg: "dir", enc: "A256GCM" });
    const decoded = parts
      .map((p) =>
        atob(
          p
            .replace(/-/g, "+")
            .replace(/_/g, "/")
            .padEnd(Math.ceil(p.length / 4) * 4, "="),
        ),
      )
      .join("\n");
    expect(decoded).not.toContain("999990007");
    expect(decoded).not.toContain("eyJ");
  });

  it("a tampered cookie is ignored: the user is signed out, not an error", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const v = b.cookies.get("regie_session")!;
    b.cookies.set("regie_session", v.slice(0, -4) + (v.endsWith("AAAA") ? "BBBB" : "AAAA"));
    const res = await b.get("/mijn");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?next=%2Fmijn");
  });

  it("logging out ends the session and the old CSRF token stops working", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const { csrf } = await b.open("/mijn");
    const out = await b.post("/uitloggen", { _csrf: csrf });
    expect(out.status).toBe(303);
    expect((await b.get("/mijn")).status).toBe(303);
    const reuse = await b.post("/mijn/onderzoek", { _csrf: csrf, optOut: "true" });
    expect(reuse.status).toBe(403);
  });
});

describe("CSRF protection on every form post", () => {
  it("rejects a post without the token, with a wrong token, from another origin, and cross-site fetches", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const { csrf } = await b.open("/mijn/onderzoek");
    expect((await b.post("/mijn/onderzoek", { optOut: "true" })).status).toBe(403);
    expect((await b.post("/mijn/onderzoek", { _csrf: "x".repeat(43), optOut: "true" })).status).toBe(403);
    expect((await b.post("/mijn/onderzoek", { _csrf: csrf, optOut: "true" }, { origin: "https://evil.example" })).status).toBe(403);
    expect((await b.post("/mijn/onderzoek", { _csrf: csrf, optOut: "true" }, { origin: "null" })).status).toBe(403);
    expect((await b.post("/mijn/onderzoek", { _csrf: csrf, optOut: "true" }, { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const refused = await b.post("/mijn/onderzoek", { optOut: "true" });
    expect(textOf(await refused.text())).toContain("Uw formulier is verlopen");
    // nothing changed
    expect(textOf((await b.open("/mijn/onderzoek")).html)).toContain("Nu: uw gegevens mogen gebruikt worden");
    // and the real thing works
    const ok = await b.post("/mijn/onderzoek", { _csrf: csrf, optOut: "true" });
    expect(ok.status).toBe(303);
  });

  it("refuses a form post that names neither its Origin nor its Fetch Metadata, even with the right token", async () => {
    const b = await Browser.loggedIn("citizen:jan");
    const { csrf } = await b.open("/mijn/onderzoek");
    const post = (headers: Record<string, string>, optOut: string) =>
      SELF.fetch(`${ORIGIN}/mijn/onderzoek`, {
        method: "POST",
        headers: { accept: "text/html", "content-type": "application/x-www-form-urlencoded", cookie: b.cookieHeader(), ...headers },
        body: new URLSearchParams({ _csrf: csrf, optOut }).toString(),
        redirect: "manual",
      });
    const bare = await post({}, "true");
    expect(bare.status).toBe(403);
    expect(textOf(await bare.text())).toContain("Uw formulier is verlopen");
    // Fetch Metadata alone (same-origin) is enough, as is the own Origin alone
    expect((await post({ "sec-fetch-site": "same-origin" }, "true")).status).toBe(303);
    expect((await post({ origin: ORIGIN }, "false")).status).toBe(303);
  });

  it("the login form itself needs the token (no login CSRF)", async () => {
    const b = new Browser();
    await b.get("/inloggen");
    const res = await b.post("/inloggen/demo", { identity: "citizen:jan" });
    expect(res.status).toBe(403);
  });
});

describe("security headers", () => {
  it("pages carry a strict CSP without inline script, no-store and frame-ancestors 'none'", async () => {
    const res = await new Browser().get("/");
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("form-action 'self'");
    expect(res.headers.get("cache-control")).toBe("no-store");
    // not no-referrer: with it, browsers send "Origin: null" on the portal's own form posts
    expect(res.headers.get("referrer-policy")).toBe("same-origin");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await res.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/\sstyle="/);
    expect(html).not.toMatch(/\son[a-z]+="/);
  });
});

describe("security headers per route group", () => {
  it("the JSON routes and the API reference keep their own CSP; every page, error pages included, has the page headers", async () => {
    const b = new Browser();
    const health = await SELF.fetch(`${ORIGIN}/health`);
    expect(health.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(health.headers.get("referrer-policy")).toBe("no-referrer");
    expect(health.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    const docs = await SELF.fetch(`${ORIGIN}/docs`);
    expect(docs.headers.get("content-security-policy")).toBe(
      "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'",
    );
    const missing = await b.get("/bestaat-niet");
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toMatch(/^text\/html/);
    expect(missing.headers.get("content-security-policy")).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    );
    expect(missing.headers.get("referrer-policy")).toBe("same-origin");
    expect(missing.headers.get("cache-control")).toBe("no-store");
    expect(missing.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(missing.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
  });
});

describe("access control", () => {
  it("a signed-out visitor is sent to the login page and comes back after login", async () => {
    const b = new Browser();
    const res = await b.get("/mijn/inzage");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?next=%2Fmijn%2Finzage");
    const { csrf } = await b.open("/inloggen?next=%2Fmijn%2Finzage");
    const login = await b.post("/inloggen/demo", { _csrf: csrf, identity: "citizen:jan", next: "/mijn/inzage" });
    expect(login.headers.get("location")).toBe("/mijn/inzage");
  });

  it("never redirects to another site after login", async () => {
    for (const next of ["//evil.example/x", "https://evil.example", "/\\evil.example"]) {
      const b = new Browser();
      const { csrf } = await b.open("/inloggen");
      const res = await b.post("/inloggen/demo", { _csrf: csrf, identity: "researcher:researcher-anna", next });
      expect(res.headers.get("location")).toBe("/onderzoek");
    }
  });

  it("a researcher cannot open citizen or HDAB pages (403), a citizen cannot open HDAB pages", async () => {
    const r = await Browser.loggedIn("researcher:researcher-anna");
    expect((await r.get("/mijn")).status).toBe(403);
    expect((await r.get("/hdab")).status).toBe(403);
    const c = await Browser.loggedIn("citizen:jan");
    expect((await c.get("/hdab")).status).toBe(403);
    expect((await c.get("/onderzoek/aanvragen")).status).toBe(403);
  });

  it("an unknown demo identity is refused", async () => {
    const b = new Browser();
    const { csrf } = await b.open("/inloggen");
    expect((await b.post("/inloggen/demo", { _csrf: csrf, identity: "hdab:root" })).status).toBe(400);
  });

  it("outside development there is no demo login, and pages still work", async () => {
    const prod = productionEnv();
    const get = pageGetter(prod);
    const home = await get("/");
    expect(home.status).toBe(200);
    const login = await get("/inloggen");
    const html = await login.text();
    expect(html).not.toContain("/inloggen/demo");
    expect(textOf(html)).toContain("Inloggen met DigiD");
    // the demo login and the development issuer are not in production's route table at all
    const routes = buildApp("production").routes.map((r) => `${r.method} ${r.path}`);
    expect(routes.filter((r) => r.includes("/inloggen/demo") || r.includes("/dev/") || r.includes("jwks"))).toEqual([]);
    expect(buildApp("development").routes.map((r) => `${r.method} ${r.path}`)).toContain("POST /inloggen/demo");
  });

  it("outside development without SESSION_SECRET the portal serves nothing and names the missing secret (no session with a guessable key)", async () => {
    const prod = productionEnv({ SESSION_SECRET: undefined });
    const res = await pageGetter(prod)("/mijn");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(((await res.json()) as { detail: string }).detail).toContain("SESSION_SECRET");
    expect(setCookies(res)).toEqual([]);
  });

  it("when a service refuses the forwarded token (401), the user is signed out and asked to log in again", async () => {
    // The portal's issuer key was rotated to one the services do not (yet) trust: the real consent service refuses
    // the token the login put in the session. One session secret for both requests, so the session itself stays valid.
    const rotated = {
      ...env,
      DEV_ISSUER_PRIVATE_JWK: JSON.stringify((await generateEs256Jwk("rotated")).privateJwk),
      SESSION_SECRET: "a-session-secret-for-this-test-0123456789",
    } as Env;
    const b = new Browser(workerUnder(rotated));
    expect((await b.login("citizen:sem")).status).toBe(303);
    // signed in: a page that calls no service shows who it is
    expect(textOf(await (await b.get("/")).text())).toContain("Ingelogd als Sem el Amrani");
    const res = await b.get("/mijn/inzage");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/inloggen?next=%2Fmijn%2Finzage");
    expect(textOf(await b.follow(res))).toContain("Log eerst in om deze pagina te zien.");
    // the session no longer holds the token: the next page asks for a login without calling the service
    expect((await b.get("/onderzoek/aanvragen")).headers.get("location")).toBe("/inloggen?next=%2Fonderzoek%2Faanvragen");
  });

  it("a failing service gives a 'not reachable' page with 503, not a stack trace", async () => {
    // The one fault double left: the real catalogue cannot be made to fail with a 500 from here, so this test alone
    // binds CATALOGUE to a service that answers 500 to everything.
    const broken = { ...env, CATALOGUE: { fetch: async () => new Response("upstream failure", { status: 500 }) } } as unknown as Env;
    const res = await new Browser(workerUnder(broken)).get("/onderzoek/datasets/any-dataset");
    expect(res.status).toBe(503);
    const text = textOf(await res.text());
    expect(text).toContain("Deze dienst is nu niet bereikbaar.");
    expect(text).not.toContain("upstream failure");
  });
});
