/**
 * Production login: OpenID Connect authorisation code flow with PKCE (RFC 7636, S256), e.g. against
 * a DigiD broker, done by oauth4webapi: the authorisation response (state, iss), the code exchange at the
 * token endpoint (client authentication, code_verifier), the token response and the ID token (iss, aud,
 * exp, iat, sub, nonce; its signature against the provider's JWKS). The routes are in login.tsx. The access
 * token the provider returns is what the portal forwards to the services, so it must carry Regie's role
 * claims and the services' audiences, and its issuer must be in the services' TRUSTED_ISSUERS; login.tsx
 * verifies it as the services will.
 */
import * as oauth from "oauth4webapi";
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

/** The ID token algorithms the portal accepts (asymmetric only). */
const ID_TOKEN_ALGORITHMS = ["ES256", "RS256", "PS256"];

function authorizationServer(cfg: OidcConfig): oauth.AuthorizationServer {
  return {
    issuer: cfg.issuer,
    authorization_endpoint: cfg.authorizationEndpoint,
    token_endpoint: cfg.tokenEndpoint,
    jwks_uri: cfg.jwksUri,
    id_token_signing_alg_values_supported: ID_TOKEN_ALGORITHMS,
  };
}

/** A fresh PKCE code verifier (43 characters of base64url). */
export function newVerifier(): string {
  return oauth.generateRandomCodeVerifier();
}

/** code_challenge = BASE64URL(SHA-256(verifier)) (S256). */
export function pkceChallenge(verifier: string): Promise<string> {
  return oauth.calculatePKCECodeChallenge(verifier);
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
  /** The verified claims of the ID token. */
  idClaims: Record<string, unknown>;
  expiresIn: number;
}

export class OidcError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "OidcError";
  }
}

/** What the login is waiting for: the state and nonce it sent, and the PKCE verifier of its challenge. */
export interface PendingLogin {
  state: string;
  nonce: string;
  verifier: string;
}

/** The provider's JWKS, cached per isolate by oauth4webapi (keyed by its URL). */
const jwksCaches = new Map<string, oauth.JWKSCacheInput>();
function jwksCacheFor(uri: string): oauth.JWKSCacheInput {
  let cache = jwksCaches.get(uri);
  if (!cache) jwksCaches.set(uri, (cache = {}));
  return cache;
}

/**
 * Completes the login from the callback URL: checks the authorisation response, exchanges the code with the
 * PKCE verifier and client authentication, checks the token response and verifies the ID token (claims and
 * signature). Any failure is an OidcError (its message never holds a token or claim value).
 */
export async function completeLogin(cfg: OidcConfig, callbackUrl: URL, pending: PendingLogin, doFetch: typeof fetch = fetch): Promise<TokenSet> {
  const as = authorizationServer(cfg);
  const client: oauth.Client = { client_id: cfg.clientId };
  const clientAuth = cfg.clientSecret ? oauth.ClientSecretBasic(cfg.clientSecret) : oauth.None();
  const http = { [oauth.customFetch]: (url: string, init: RequestInit) => doFetch(url, init) };
  try {
    const params = oauth.validateAuthResponse(as, client, callbackUrl, pending.state);
    const response = await oauth.authorizationCodeGrantRequest(as, client, clientAuth, params, cfg.redirectUri, pending.verifier, http);
    const result = await oauth.processAuthorizationCodeResponse(as, client, response, { expectedNonce: pending.nonce, requireIdToken: true });
    if (result.token_type !== "bearer") throw new OidcError("token endpoint gave no bearer access token");
    await oauth.validateApplicationLevelSignature(as, response, { ...http, [oauth.jwksCache]: jwksCacheFor(cfg.jwksUri) });
    const idClaims = oauth.getValidatedIdTokenClaims(result);
    if (!idClaims) throw new OidcError("token endpoint gave no ID token");
    const expiresIn = typeof result.expires_in === "number" && result.expires_in > 0 ? result.expires_in : 3600;
    return { accessToken: result.access_token, idClaims: { ...idClaims }, expiresIn };
  } catch (err) {
    if (err instanceof OidcError) throw err;
    const code = (err as { code?: unknown })?.code;
    throw new OidcError(`OIDC login failed: ${typeof code === "string" ? code : (err as Error)?.name}`, { cause: err });
  }
}
