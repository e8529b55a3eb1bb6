import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { API_CSP, securityHeaders } from "../src/http/security-headers";

function app() {
  const a = new Hono();
  a.use("*", securityHeaders({ contentSecurityPolicy: API_CSP }));
  a.get("/api", (c) => c.json({ ok: true }));
  a.get("/own", (c) => {
    c.header("content-security-policy", "sandbox");
    return c.text("x");
  });
  const pages = new Hono();
  pages.use("*", securityHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"] }, referrerPolicy: "same-origin" }));
  pages.get("/page", (c) => c.html("<p>x</p>"));
  pages.get("/boom", () => {
    throw new Error("boom");
  });
  a.route("/", pages);
  a.onError((_err, c) => c.text("failed", 500));
  return a;
}

describe("securityHeaders per route group", () => {
  it("the baseline gives every route the API CSP and hono's headers", async () => {
    const res = await app().request("/api");
    expect(res.headers.get("content-security-policy")).toBe("default-src 'none'; frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("referrer-policy")).toBe("no-referrer");
    expect(res.headers.get("strict-transport-security")).toBe("max-age=63072000; includeSubDomains");
    expect(res.headers.get("cross-origin-embedder-policy")).toBeNull();
  });

  it("a group's headers win over the baseline, also on its error answers; a handler's own header wins over both", async () => {
    for (const path of ["/page", "/boom"]) {
      const res = await app().request(path);
      expect(res.headers.get("content-security-policy"), path).toBe("default-src 'self'");
      expect(res.headers.get("referrer-policy"), path).toBe("same-origin");
      expect(res.headers.get("x-frame-options"), path).toBe("SAMEORIGIN");
    }
    expect((await app().request("/own")).headers.get("content-security-policy")).toBe("sandbox");
  });
});
