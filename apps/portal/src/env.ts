import type { Mode } from "@regie/shared";
import type { Lang, Messages } from "./i18n";
import type { Session } from "./session/session";

/**
 * Bindings come from wrangler.jsonc via `wrangler types`. Optional secrets:
 * - DEV_ISSUER_PRIVATE_JWK: the development issuer's key (.dev.vars / --var, development only);
 * - SESSION_SECRET: key material for the encrypted session cookie (required outside development);
 * - OIDC_CLIENT_SECRET: the OIDC client secret, when the provider requires one besides PKCE.
 */
export type Bindings = Env & { DEV_ISSUER_PRIVATE_JWK?: string; SESSION_SECRET?: string; OIDC_CLIENT_SECRET?: string };

export type PortalVariables = {
  requestId: string;
  /** The mode the route table was built for (buildApp): the one place that decides what is development-only. */
  mode: Mode;
  session: Session;
  lang: Lang;
  t: Messages;
};

export type AppEnv = { Bindings: Bindings; Variables: PortalVariables };
