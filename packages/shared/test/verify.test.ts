import { importJWK, SignJWT } from "jose";
import { beforeAll, describe, expect, it } from "vitest";
import { parseTrustedIssuers, verifyToken, TokenError } from "../src/auth/verify";
import { testAuthBindings } from "../src/testing/issuer";
import { hostileTokens, mintToken } from "../src/testing/tokens";
import { AUDIENCES } from "../src/auth/claims";

let env: Record<string, string>;
const provider = { role: "provider" as const, ura: "87654321", organizationType: "Z3", uziRole: "01.015" };

beforeAll(async () => {
  env = await testAuthBindings();
});

function opts(audience: string = AUDIENCES.consent) {
  return { trustedIssuers: parseTrustedIssuers(env.TRUSTED_ISSUERS), audience };
}

describe("verifyToken", () => {
  it("accepts a token from the trusted issuer for each service audience and returns typed claims", async () => {
    const token = await mintToken(env as never, provider);
    const claims = await verifyToken(token, opts());
    expect(claims).toMatchObject(provider);
    expect(await verifyToken(token, opts(AUDIENCES.catalogue))).toMatchObject({ role: "provider" });
  });

  it.each(["expired", "otherKey", "algNone", "hs256", "wrongAudience", "wrongIssuer", "noExpiry", "tampered", "garbage"] as const)(
    "rejects a %s token",
    async (kind) => {
      const tokens = await hostileTokens(env as never, provider, AUDIENCES.consent);
      await expect(verifyToken(tokens[kind], opts())).rejects.toBeInstanceOf(TokenError);
    },
  );

  it("rejects a correctly signed token whose claims do not fit its role (invalid BSN)", async () => {
    const jwk = JSON.parse(env.TEST_SIGNING_JWK!);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ role: "citizen", bsn: "123456789" })
      .setProtectedHeader({ alg: "ES256", kid: jwk.kid })
      .setIssuer(env.TEST_ISSUER!)
      .setAudience(AUDIENCES.consent)
      .setIssuedAt(now)
      .setExpirationTime(now + 60)
      .sign(await importJWK(jwk, "ES256"));
    await expect(verifyToken(token, opts())).rejects.toThrow("The token does not carry valid claims for its role");
  });

  it("explains an expired token without leaking the claims", async () => {
    const tokens = await hostileTokens(env as never, { role: "citizen", bsn: "999993653" }, AUDIENCES.consent);
    const err = await verifyToken(tokens.expired, opts()).catch((e: Error) => e);
    expect((err as Error).message).toBe("The token has expired");
    expect((err as Error).message).not.toContain("999993653");
  });
});
