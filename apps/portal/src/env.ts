/**
 * Bindings come from wrangler.jsonc via `wrangler types`. The development issuer's private key is
 * optional (.dev.vars, written by `npm start`) and only read when ENVIRONMENT=development.
 */
export type Bindings = Env & { DEV_ISSUER_PRIVATE_JWK?: string };
export type AppEnv = { Bindings: Bindings; Variables: { requestId: string } };
