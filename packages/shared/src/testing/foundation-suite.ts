/**
 * The foundation contract every Regie service keeps, as one reusable vitest suite run inside each
 * service's workerd tests: /health, OpenAPI 3.1 + docs, token acceptance and every hostile token -> 401.
 */
import { describe, expect, it } from "vitest";
import type { DevTokenRequest } from "../auth/claims";
import { bearer, hostileTokens, type TestAuthEnv } from "./tokens";

export interface FoundationSuiteOptions {
  service: string;
  origin: string;
  fetch: (input: string, init?: RequestInit) => Promise<Response>;
  env: TestAuthEnv & { AUTH_AUDIENCE: string };
  /** A role this service accepts, used for the whoami check. */
  claims: DevTokenRequest;
}

export function foundationSuite({ service, origin, fetch, env, claims }: FoundationSuiteOptions) {
  describe(`${service} service foundation`, () => {
    it("answers /health with request id and security headers", async () => {
      const res = await fetch(`${origin}/health`);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ status: "ok", service });
      expect(res.headers.get("x-request-id")).toBeTruthy();
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    });

    it("serves an OpenAPI 3.1 document and the docs page", async () => {
      const doc = (await (await fetch(`${origin}/openapi.json`)).json()) as { openapi: string; paths: Record<string, unknown> };
      expect(doc.openapi).toBe("3.1.0");
      expect(Object.keys(doc.paths)).toContain("/v1/auth/whoami");
      const docs = await fetch(`${origin}/docs`);
      expect(docs.status).toBe(200);
      expect(await docs.text()).toContain("swagger-ui-bundle.js");
    });

    it("accepts a token as the development issuer mints it", async () => {
      const res = await fetch(`${origin}/v1/auth/whoami`, { headers: await bearer(env, claims) });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ role: claims.role });
    });

    it("rejects a missing token with 401 problem+json and a challenge", async () => {
      const res = await fetch(`${origin}/v1/auth/whoami`);
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
    });

    it.each(["expired", "otherKey", "algNone", "hs256", "wrongAudience", "wrongIssuer", "noExpiry", "tampered", "garbage"] as const)(
      "rejects a %s token with 401 problem+json",
      async (kind) => {
        const tokens = await hostileTokens(env, claims, env.AUTH_AUDIENCE);
        const res = await fetch(`${origin}/v1/auth/whoami`, { headers: { authorization: `Bearer ${tokens[kind]}` } });
        expect(res.status).toBe(401);
        expect(res.headers.get("content-type")).toBe("application/problem+json");
        const body = (await res.json()) as { status: number; type: string };
        expect(body.status).toBe(401);
        expect(body.type).toMatch(/unauthorized/);
      },
    );

    it("answers unknown routes with 404 problem+json", async () => {
      const res = await fetch(`${origin}/no-such-route`);
      expect(res.status).toBe(404);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    });
  });
}
