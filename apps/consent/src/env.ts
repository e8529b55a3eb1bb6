import type { AuthVariables } from "@regie/shared";

/** Bindings come from wrangler.jsonc (vars, bindings, `secrets.required`) via `wrangler types`. */
export type Bindings = Env;
export type AppEnv = { Bindings: Bindings; Variables: Partial<AuthVariables> & { requestId: string } };
