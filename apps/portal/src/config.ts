/** The portal worker's configuration: what it needs before it serves anything (see packages/shared/src/http/worker.ts). */
import { binding, secret, variable, type Requirement } from "@regie/shared/http/worker";

const https = (name: string) => (v: string) => (/^https:\/\/[^\s/]+/.test(v) ? undefined : `the variable ${name} must be an https URL`);
const url = (name: string) => variable(name, { only: "production", check: https(name) });

/** What the portal needs before it serves anything (503 naming what is missing otherwise). */
export const REQUIREMENTS: readonly Requirement[] = [
  // key material of the encrypted session cookie; development derives one from the development issuer's key
  secret("SESSION_SECRET", { only: "production", minLength: 32 }),
  binding("CONSENT", "service"),
  binding("CATALOGUE", "service"),
  url("CONSENT_PUBLIC_URL"),
  url("CATALOGUE_PUBLIC_URL"),
  // production login: OpenID Connect (authorisation code + PKCE); without it nobody could log in
  url("OIDC_ISSUER"),
  url("OIDC_AUTHORIZATION_ENDPOINT"),
  url("OIDC_TOKEN_ENDPOINT"),
  url("OIDC_JWKS_URI"),
  url("OIDC_REDIRECT_URI"),
  variable("OIDC_CLIENT_ID", { only: "production" }),
  // the development issuer's `iss`
  variable("ISSUER", { only: "development" }),
  binding("RATE_LIMITER", "rate-limit", { only: "production" }),
];
