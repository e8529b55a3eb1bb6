import { exportJWK, generateKeyPair, importJWK, SignJWT, type JWK } from "jose";
import type { DevTokenRequest } from "./claims";
import { AUDIENCES } from "./claims";

/** Signs a development token (ES256). Only the portal's development issuer uses this. */
export async function signDevToken(privateJwk: JWK, issuer: string, request: DevTokenRequest): Promise<{ token: string; expiresIn: number }> {
  const { expiresIn = 3600, ...claims } = request;
  const key = await importJWK(privateJwk, "ES256");
  const now = Math.floor(Date.now() / 1000);
  const subject =
    "sub" in claims
      ? claims.sub
      : claims.role === "provider"
        ? `ura:${claims.ura}`
        : claims.role === "publisher"
          ? `publisher:${claims.publisherId}`
          : undefined;
  const jwt = new SignJWT({ ...claims })
    .setProtectedHeader({ alg: "ES256", kid: privateJwk.kid, typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(Object.values(AUDIENCES))
    .setIssuedAt(expiresIn < 0 ? now + expiresIn - 60 : now)
    .setExpirationTime(now + expiresIn)
    .setJti(crypto.randomUUID());
  if (subject) jwt.setSubject(subject);
  return { token: await jwt.sign(key), expiresIn };
}

/** The public half of a private JWK, as published in a JWKS. */
export function publicJwk(privateJwk: JWK): JWK {
  const { d: _d, ...pub } = privateJwk;
  return { ...pub, use: "sig", alg: "ES256" };
}

/** A fresh ES256 key pair as JWKs (for development setup and tests). */
export async function generateEs256Jwk(kid: string = crypto.randomUUID()): Promise<{ privateJwk: JWK; publicJwk: JWK }> {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const priv = { ...(await exportJWK(privateKey)), kid, alg: "ES256" };
  const pub = { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" };
  return { privateJwk: priv, publicJwk: pub };
}
