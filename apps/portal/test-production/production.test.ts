import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { productionSuite } from "@regie/shared/testing/production-suite";
import { buildApp } from "../src/app";
import { REQUIREMENTS } from "../src/config";
import worker from "../src/index";

productionSuite({
  app: { service: "portal", worker, requirements: REQUIREMENTS, buildApp },
  developmentRoutes: [
    { method: "POST", path: "/dev/token" },
    { method: "GET", path: "/.well-known/jwks.json" },
    // a form post without the session's CSRF token is refused (403) before routing; the route table proves it is absent
    { method: "POST", path: "/inloggen/demo", status: 403 },
  ],
  // the portal has no token of its own to verify: anonymous visitors count per address
  limited: {
    path: "/health/services",
    clientA: async () => ({ "cf-connecting-ip": "198.51.100.10" }),
    clientB: async () => ({ "cf-connecting-ip": "198.51.100.11" }),
  },
});

describe("the portal's production login", () => {
  const ctx = { waitUntil() {}, passThroughOnException() {}, props: {} } as unknown as ExecutionContext;
  it("offers the OIDC provider and no demo people", async () => {
    const res = await worker.fetch(new Request("https://portal.regie.test/inloggen", { headers: { accept: "text/html" } }), env, ctx);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/inloggen/oidc");
    expect(html).not.toContain("/inloggen/demo");
    expect(html).not.toContain("999990007");
  });
});
