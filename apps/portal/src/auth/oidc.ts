/**
 * Production login: OpenID Connect authorisation code flow with PKCE (RFC 7636, S256), e.g. against
 * a DigiD broker. Pure helpers here; the routes are in login.tsx. The access token the provider
 * returns is what the portal forwards to the services, so it must carry Regie's role claims and the
 * services' audiences, and its issuer must be in the services' TRUSTED_ISSUERS.
 */
import { createRemoteJWKSet, jwtVerify } from "jose";
import { randomToken, toBase64url } from "@regie/shared/util/encoding";
import type { Bindings } from "../env";

export interface OidcConfig {
  issuer: string;
  authorizationEndpoint: string;
  tokenEndpoint: string;
  jwksUri: string;
  clientId: string;
  clientSecret?: string;
  redirectUri: string;
  scope: string;
  label: string;
}

/** The OIDC configuration from vars/secrets, or undefined when any required value is missing. */
export function oidcConfig(env: Bindings): OidcConfig | undefined {
  const cfg = {
    issuer: env.OIDC_ISSUER,
    authorizationEndpoint: env.OIDC_AUTHORIZATION_ENDPOINT,
    tokenEndpoint: env.OIDC_TOKEN_ENDPOINT,
    jwksUri: env.OIDC_JWKS_URI,
    clientId: env.OIDC_CLIENT_ID,
    redirectUri: env.OIDC_REDIRECT_URI,
  };
  if (Object.values(cfg).some((v) => !v)) return undefined;
  return { ...cfg, clientSecret: env.OIDC_CLIENT_SECRET || undefined, scope: env.OIDC_SCOPE || "openid", label: env.OIDC_LABEL || "DigiD" };
}

/** A fresh PKCE code verifier (43+ chars of base64url). */
export function newVerifier(): string {
  return randomToken(32);
}

/** code_challenge = BASE64URL(SHA-256(verifier)) (S256). */
export async function pkceChallenge(verifier: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(verifier));
  return toBase64url(new Uint8Array(digest));
}

export function authorizationUrl(cfg: OidcConfig, p: { state: string; nonce: string; challenge: string; lang: string }): string {
  const url = new URL(cfg.authorizationEndpoint);
  url.searchParams.set("response_type", "code");
  url.searchParams.set("client_id", cfg.clientId);
  url.searchParams.set("redirect_uri", cfg.redirectUri);
  url.searchParams.set("scope", cfg.scope);
  url.searchParams.set("state", p.state);
  url.searchParams.set("nonce", p.nonce);
  url.searchParams.set("code_challenge", p.challenge);
  url.searchParams.set("code_challenge_method", "S256");
  url.searchParams.set("ui_locales", p.lang);
  return url.toString();
}

export interface TokenSet {
  accessToken: string;
  idToken?: string;
  expiresIn: number;
}

export class OidcError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OidcError";
  }
}

/** Exchanges the authorisation code (with the PKCE verifier) at the token endpoint. */
export async function exchangeCode(cfg: OidcConfig, code: string, verifier: string, doFetch: typeof fetch = fetch): Promise<TokenSet> {
  const body = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: cfg.redirectUri, code_verifier: verifier, client_id: cfg.clientId });
  const headers: Record<string, string> = { "content-type": "application/x-www-form-urlencoded", accept: "application/json" };
  if (cfg.clientSecret) headers.authorization = `Basic ${btoa(`${encodeURIComponent(cfg.clientId)}:${encodeURIComponent(cfg.clientSecret)}`)}`;
  const res = await doFetch(cfg.tokenEndpoint, { method: "POST", headers, body });
  if (!res.ok) throw new OidcError(`token endpoint answered ${res.status}`);
  const json = (await res.json().catch(() => undefined)) as Record<string, unknown> | undefined;
  if (!json || typeof json.access_token !== "string" || (json.token_type && String(json.token_type).toLowerCase() !== "bearer")) {
    throw new OidcError("token endpoint gave no bearer access token");
  }
  const expiresIn = typeof json.expires_in === "number" && json.expires_in > 0 ? json.expires_in : 3600;
  return { accessToken: json.access_token, idToken: typeof json.id_token === "string" ? json.id_token : undefined, expiresIn };
}

const jwksCache = new Map<string, ReturnType<typeof createRemoteJWKSet>>();

/** Verifies the ID token (issuer, audience = client id, nonce) and returns its claims. */
export async function verifyIdToken(cfg: OidcConfig, idToken: string, nonce: string): Promise<Record<string, unknown>> {
  let jwks = jwksCache.get(cfg.jwksUri);
  if (!jwks) {
    jwks = createRemoteJWKSet(new URL(cfg.jwksUri));
    jwksCache.set(cfg.jwksUri, jwks);
  }
  const { payload } = await jwtVerify(idToken, jwks, { issuer: cfg.issuer, audience: cfg.clientId, algorithms: ["ES256", "RS256", "PS256"] });
  if (payload.nonce !== nonce) throw new OidcError("ID token nonce does not match");
  return payload as Record<string, unknown>;
}
