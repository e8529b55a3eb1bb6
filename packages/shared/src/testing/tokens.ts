/**
 * Mint tokens inside tests (workerd or Node) with the key from testAuthBindings(), plus the
 * hostile variants the security tests need.
 */
import { SignJWT, importJWK, type JWK } from "jose";
import type { DevTokenRequest } from "../auth/claims";
import { signDevToken, generateEs256Jwk } from "../auth/dev-issuer";
import { toBase64url } from "../util/encoding";

export interface TestAuthEnv {
  TEST_ISSUER: string;
  TEST_SIGNING_JWK: string;
}

/** A token exactly as the development issuer mints it, signed by the trusted test key. */
export async function mintToken(env: TestAuthEnv, request: DevTokenRequest): Promise<string> {
  return (await signDevToken(JSON.parse(env.TEST_SIGNING_JWK) as JWK, env.TEST_ISSUER, request)).token;
}

export async function bearer(env: TestAuthEnv, request: DevTokenRequest): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await mintToken(env, request)}` };
}

function b64url(obj: unknown): string {
  return toBase64url(JSON.stringify(obj));
}

/** Tokens that must all be rejected. */
export async function hostileTokens(env: TestAuthEnv, request: DevTokenRequest, audience: string) {
  const now = Math.floor(Date.now() / 1000);
  const claims = { ...request, iss: env.TEST_ISSUER, aud: audience, iat: now, exp: now + 3600 };
  const otherKey = (await generateEs256Jwk("attacker")).privateJwk;
  const trusted = JSON.parse(env.TEST_SIGNING_JWK) as JWK;
  const sign = async (payload: Record<string, unknown>, jwk: JWK) =>
    new SignJWT(payload).setProtectedHeader({ alg: "ES256", kid: jwk.kid }).sign(await importJWK(jwk, "ES256"));
  const valid = await sign(claims, trusted);
  const [h, p, s] = valid.split(".");
  const tamperedPayload = b64url({ ...claims, role: "hdab", sub: "attacker" });
  return {
    expired: await mintToken(env, { ...request, expiresIn: -120 }),
    otherKey: await sign(claims, otherKey),
    algNone: `${b64url({ alg: "none", typ: "JWT" })}.${p}.`,
    hs256: await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode("0123456789abcdef0123456789abcdef")),
    wrongAudience: await sign({ ...claims, aud: "someone-else" }, trusted),
    wrongIssuer: await sign({ ...claims, iss: "https://evil.example" }, trusted),
    noExpiry: await sign({ ...claims, exp: undefined }, trusted),
    tampered: `${h}.${tamperedPayload}.${s}`,
    garbage: "not-a-jwt",
  };
}
