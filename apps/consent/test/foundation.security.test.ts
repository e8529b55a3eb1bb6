import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { hostileTokens } from "@regie/shared/testing/tokens";

const provider = { role: "provider" as const, ura: "87654321", organizationType: "Z3" };

describe("token verification on the consent service", () => {
  it("rejects a missing token with 401 problem+json and a challenge", async () => {
    const res = await SELF.fetch("http://consent.test/v1/auth/whoami");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("www-authenticate")).toMatch(/^Bearer/);
  });

  it.each(["expired", "otherKey", "algNone", "hs256", "wrongAudience", "wrongIssuer", "noExpiry", "tampered", "garbage"] as const)(
    "rejects a %s token with 401 problem+json",
    async (kind) => {
      const tokens = await hostileTokens(env, provider, env.AUTH_AUDIENCE);
      const res = await SELF.fetch("http://consent.test/v1/auth/whoami", { headers: { authorization: `Bearer ${tokens[kind]}` } });
      expect(res.status).toBe(401);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
      const body = (await res.json()) as { status: number; type: string };
      expect(body.status).toBe(401);
      expect(body.type).toMatch(/unauthorized/);
    },
  );
});

describe("error model", () => {
  it("unknown routes are 404 problem+json", async () => {
    const res = await SELF.fetch("http://consent.test/nope");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });
});
