import { SELF } from "cloudflare:test";
import { createLocalJWKSet, jwtVerify } from "jose";
import { describe, expect, it } from "vitest";

const ORIGIN = "http://localhost:8787";

async function token(body: unknown) {
  return SELF.fetch(`${ORIGIN}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("development issuer", () => {
  it("mints an ES256 token per role that verifies against its JWKS with issuer and audiences", async () => {
    const jwks = (await (await SELF.fetch(`${ORIGIN}/.well-known/jwks.json`)).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty("d");
    const roles = [
      { role: "citizen", bsn: "999993653" },
      { role: "provider", ura: "87654321", organizationType: "V6", uziRole: "01.015" },
      { role: "researcher", sub: "r-1", name: "Dr. A. Onderzoeker", organisation: "UMC Utrecht" },
      { role: "publisher", publisherId: "rivm" },
      { role: "hdab", sub: "hdab-nl" },
    ];
    for (const claims of roles) {
      const res = await token(claims);
      expect(res.status).toBe(200);
      const { access_token } = (await res.json()) as { access_token: string };
      const { payload, protectedHeader } = await jwtVerify(access_token, createLocalJWKSet(jwks as never), {
        issuer: "http://localhost:8787",
        audience: "regie-consent",
        algorithms: ["ES256"],
      });
      expect(protectedHeader.alg).toBe("ES256");
      expect(payload).toMatchObject(claims);
      expect(payload.aud).toEqual(expect.arrayContaining(["regie-consent", "regie-catalogue"]));
    }
  });

  it("mints an already expired token on request (negative expiresIn)", async () => {
    const res = await token({ role: "hdab", sub: "hdab-nl", expiresIn: -60 });
    const { access_token } = (await res.json()) as { access_token: string };
    const payload = JSON.parse(atob(access_token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/")));
    expect(payload.exp).toBeLessThan(Date.now() / 1000);
  });
});

describe("API routes beside the pages", () => {
  it("/health, /openapi.json (with the issuer's route) and /docs still answer", async () => {
    expect((await SELF.fetch(`${ORIGIN}/health`)).status).toBe(200);
    const doc = (await (await SELF.fetch(`${ORIGIN}/openapi.json`)).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toContain("/dev/token");
    const docs = await SELF.fetch(`${ORIGIN}/docs`, { headers: { accept: "text/html" } });
    expect(docs.status).toBe(200);
    expect(await docs.text()).toContain("swagger-ui-bundle.js");
  });

  it("unknown API paths answer problem+json, unknown pages an HTML page", async () => {
    const api = await SELF.fetch(`${ORIGIN}/v1/nothing`, { headers: { accept: "application/json" } });
    expect(api.status).toBe(404);
    expect(api.headers.get("content-type")).toBe("application/problem+json");
    const page = await SELF.fetch(`${ORIGIN}/nothing`, { headers: { accept: "text/html" } });
    expect(page.status).toBe(404);
    expect(page.headers.get("content-type")).toContain("text/html");
  });
});
