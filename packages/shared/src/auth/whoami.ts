import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { BEARER_SECURITY } from "../http/bearer";
import { jsonResponse } from "../http/body";
import { problemResponses } from "../http/problem";
import { ROLES } from "./claims";
import { requireRole, type AuthBindings } from "./middleware";

const WhoAmI = z.object({ role: z.enum(ROLES) }).openapi("WhoAmI");

/** GET /v1/auth/whoami: the role of a valid token; lets a client check its token against a service. */
export function whoamiRoutes() {
  const app = new OpenAPIHono<{ Bindings: AuthBindings }>();
  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/auth/whoami",
      tags: ["auth"],
      summary: "The role of the presented token",
      security: BEARER_SECURITY,
      middleware: [requireRole(...ROLES)] as const,
      responses: { 200: jsonResponse(WhoAmI, "The caller's role"), ...problemResponses(401, 403) },
    }),
    (c) => c.json({ role: c.get("auth").role }, 200),
  );
  return app;
}
