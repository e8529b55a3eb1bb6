import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { DevTokenRequest, jsonBody, jsonResponse, problemResponses, TokenResponse } from "@regie/shared";
import { generateEs256Jwk, publicJwk, signDevToken } from "@regie/shared/auth/dev-issuer";
import type { JWK } from "jose";
import type { AppEnv, Bindings } from "../env";

/**
 * The development token issuer: stands in for DigiD, UZI, eHerkenning and the HDAB's login. It is mounted only in
 * development (see app.ts): in production POST /dev/token and /.well-known/jwks.json are not in the route table.
 */
export const devIssuer = new OpenAPIHono<AppEnv>();

let ephemeral: Promise<JWK> | undefined;

export async function signingKey(env: Bindings): Promise<JWK> {
  if (env.DEV_ISSUER_PRIVATE_JWK) return JSON.parse(env.DEV_ISSUER_PRIVATE_JWK) as JWK;
  // No configured key (e.g. a bare `wrangler dev`): one key per isolate, published at the JWKS URL.
  ephemeral ??= generateEs256Jwk("dev-ephemeral").then((k) => k.privateJwk);
  return ephemeral;
}

/** The development issuer's `iss` (the ISSUER variable of the dev environment). */
export function devIssuerOf(env: Bindings): string {
  if (!env.ISSUER) throw new Error("ISSUER is not configured");
  return env.ISSUER;
}

devIssuer.openapi(
  createRoute({
    method: "post",
    path: "/dev/token",
    tags: ["development issuer"],
    summary: "Mint a development token (development only)",
    request: { body: jsonBody(DevTokenRequest, "The role and its claims; optional expiresIn in seconds (negative for an expired token)") },
    responses: { 200: jsonResponse(TokenResponse, "A signed ES256 token"), ...problemResponses(400, 404, 415) },
  }),
  async (c) => {
    const req = c.req.valid("json");
    const { token, expiresIn } = await signDevToken(await signingKey(c.env), devIssuerOf(c.env), req);
    c.header("cache-control", "no-store");
    return c.json({ access_token: token, token_type: "Bearer" as const, expires_in: expiresIn }, 200);
  },
);

devIssuer.get("/.well-known/jwks.json", async (c) => {
  c.header("cache-control", "public, max-age=60");
  return c.json({ keys: [publicJwk(await signingKey(c.env))] });
});
