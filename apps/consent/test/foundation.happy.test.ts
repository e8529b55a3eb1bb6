import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bearer } from "@regie/shared/testing/tokens";

describe("consent service foundation", () => {
  it("answers /health", async () => {
    const res = await SELF.fetch("http://consent.test/health");
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: "ok", service: "consent" });
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("serves an OpenAPI 3.1 document and the docs page", async () => {
    const doc = (await (await SELF.fetch("http://consent.test/openapi.json")).json()) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toContain("/v1/auth/whoami");
    const docs = await SELF.fetch("http://consent.test/docs");
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
  });

  it("accepts a token as the development issuer mints it", async () => {
    const res = await SELF.fetch("http://consent.test/v1/auth/whoami", {
      headers: await bearer(env, { role: "provider", ura: "87654321", organizationType: "Z3" }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ role: "provider" });
  });
});
