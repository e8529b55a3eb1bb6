import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, DevTokenRequest, jsonBody, jsonResponse, problemResponses, TokenResponse } from "@regie/shared";
import { generateEs256Jwk, publicJwk, signDevToken } from "@regie/shared/auth/dev-issuer";
import type { MiddlewareHandler } from "hono";
import type { JWK } from "jose";
import type { AppEnv, Bindings } from "../env";

/**
 * The development token issuer: stands in for DigiD, UZI, eHerkenning and the HDAB's login
 * when ENVIRONMENT=development. Every route here answers 404 in any other environment.
 */
export const devIssuer = new OpenAPIHono<AppEnv>();

let ephemeral: Promise<JWK> | undefined;

export async function signingKey(env: Bindings): Promise<JWK> {
  if (env.DEV_ISSUER_PRIVATE_JWK) return JSON.parse(env.DEV_ISSUER_PRIVATE_JWK) as JWK;
  // No configured key (e.g. a bare `wrangler dev`): one key per isolate, published at the JWKS URL.
  ephemeral ??= generateEs256Jwk("dev-ephemeral").then((k) => k.privateJwk);
  return ephemeral;
}

// Scoped to the issuer's own paths: this router is mounted at "/", beside the portal's pages.
const developmentOnly: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.env.ENVIRONMENT !== "development") throw new ApiError("NOT_FOUND", `No resource at ${c.req.method} ${new URL(c.req.url).pathname}`);
  await next();
};
devIssuer.use("/dev/*", developmentOnly);
devIssuer.use("/.well-known/jwks.json", developmentOnly);

devIssuer.openapi(
  createRoute({
    method: "post",
    path: "/dev/token",
    tags: ["development issuer"],
    summary: "Mint a development token (ENVIRONMENT=development only)",
    request: { body: jsonBody(DevTokenRequest, "The role and its claims; optional expiresIn in seconds (negative for an expired token)") },
    responses: { 200: jsonResponse(TokenResponse, "A signed ES256 token"), ...problemResponses(400, 404, 415) },
  }),
  async (c) => {
    const req = c.req.valid("json");
    const { token, expiresIn } = await signDevToken(await signingKey(c.env), c.env.ISSUER, req);
    c.header("cache-control", "no-store");
    return c.json({ access_token: token, token_type: "Bearer" as const, expires_in: expiresIn }, 200);
  },
);

devIssuer.get("/.well-known/jwks.json", async (c) => {
  c.header("cache-control", "public, max-age=60");
  return c.json({ keys: [publicJwk(await signingKey(c.env))] });
});
