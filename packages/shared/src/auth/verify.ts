import { createLocalJWKSet, createRemoteJWKSet, decodeJwt, jwtVerify, type JSONWebKeySet, type JWTVerifyGetKey } from "jose";
import { z } from "@hono/zod-openapi";
import { Claims } from "./claims";

/** Tokens are ES256 JWTs; nothing else is ever accepted (no `none`, no HS*, no RSA). */
export const ALGORITHMS = ["ES256"] as const;

export const TrustedIssuer = z.union([
  z.object({ issuer: z.string().min(1), jwks: z.object({ keys: z.array(z.record(z.string(), z.unknown())) }) }),
  z.object({ issuer: z.string().min(1), jwksUri: z.url() }),
]);
export const TrustedIssuers = z.array(TrustedIssuer).min(1);
export type TrustedIssuer = z.infer<typeof TrustedIssuer>;

export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TokenError";
  }
}

const keySetCache = new Map<string, JWTVerifyGetKey>();

function keySetFor(trusted: TrustedIssuer): JWTVerifyGetKey {
  const cacheKey = JSON.stringify(trusted);
  let ks = keySetCache.get(cacheKey);
  if (!ks) {
    ks =
      "jwks" in trusted
        ? createLocalJWKSet(trusted.jwks as unknown as JSONWebKeySet)
        : createRemoteJWKSet(new URL(trusted.jwksUri), { cooldownDuration: 30_000, cacheMaxAge: 600_000 });
    keySetCache.set(cacheKey, ks);
  }
  return ks;
}

const parsedIssuers = new Map<string, TrustedIssuer[]>();

/** Parses the TRUSTED_ISSUERS configuration (a JSON array), once per isolate. */
export function parseTrustedIssuers(raw: string | undefined): TrustedIssuer[] {
  if (!raw) throw new Error("TRUSTED_ISSUERS is not configured");
  let cached = parsedIssuers.get(raw);
  if (!cached) {
    cached = TrustedIssuers.parse(JSON.parse(raw));
    parsedIssuers.set(raw, cached);
  }
  return cached;
}

/**
 * What is wrong with a TRUSTED_ISSUERS value, for the start-up configuration check (undefined when it is fine).
 * Production accepts only https issuers and JWKS URLs: a key set fetched in the clear could be swapped.
 */
export function trustedIssuersProblem(raw: string, mode: "production" | "development"): string | undefined {
  let parsed: TrustedIssuer[];
  try {
    const result = TrustedIssuers.safeParse(JSON.parse(raw));
    if (!result.success) return 'the secret TRUSTED_ISSUERS is not a JSON array of {"issuer", "jwks" | "jwksUri"}';
    parsed = result.data;
  } catch {
    return "the secret TRUSTED_ISSUERS is not valid JSON";
  }
  if (mode === "production") {
    for (const t of parsed) {
      if (!t.issuer.startsWith("https://")) return `the secret TRUSTED_ISSUERS names an issuer that is not https (${t.issuer})`;
      if ("jwksUri" in t && !t.jwksUri.startsWith("https://")) return `the secret TRUSTED_ISSUERS has a JWKS URL that is not https (${t.jwksUri})`;
    }
  }
  return undefined;
}

export interface VerifyOptions {
  trustedIssuers: TrustedIssuer[];
  audience: string;
  /** Seconds of clock skew tolerated on exp/nbf/iat. */
  clockTolerance?: number;
}

/**
 * Verifies a bearer token: signature (ES256 only) by a key of a trusted issuer, issuer, audience,
 * expiry (required), and the role's claims. Throws TokenError with a safe message otherwise.
 */
export async function verifyToken(token: string, opts: VerifyOptions): Promise<Claims> {
  let iss: unknown;
  try {
    iss = decodeJwt(token).iss;
  } catch {
    throw new TokenError("The token is not a well-formed JWT");
  }
  const trusted = opts.trustedIssuers.find((t) => t.issuer === iss);
  if (!trusted) throw new TokenError("The token's issuer is not trusted");
  let payload: Record<string, unknown>;
  try {
    const result = await jwtVerify(token, keySetFor(trusted), {
      algorithms: [...ALGORITHMS],
      issuer: trusted.issuer,
      audience: opts.audience,
      requiredClaims: ["exp", "iat"],
      clockTolerance: opts.clockTolerance ?? 5,
    });
    payload = result.payload as Record<string, unknown>;
  } catch (err) {
    const code = (err as { code?: string }).code;
    const reason =
      code === "ERR_JWT_EXPIRED"
        ? "The token has expired"
        : code === "ERR_JWT_CLAIM_VALIDATION_FAILED"
          ? `The token's ${(err as { claim?: string }).claim ?? "claims"} claim is not accepted`
          : code === "ERR_JOSE_ALG_NOT_ALLOWED"
            ? "The token's algorithm is not allowed"
            : "The token's signature could not be verified";
    throw new TokenError(reason);
  }
  const claims = Claims.safeParse(payload);
  if (!claims.success) throw new TokenError("The token does not carry valid claims for its role");
  return claims.data;
}
