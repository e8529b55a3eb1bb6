/**
 * GET and DELETE of one of a provider's own subscriptions, declared once for both faces of the registry: the JSON
 * API (/v1/subscriptions/{id}) and FHIR (/fhir/Subscription/{id}). Only the path, the words and how the read
 * subscription is rendered differ.
 */
import { createRoute, type OpenAPIHono, type RouteConfig } from "@hono/zod-openapi";
import { problemResponses, requireRole } from "@regie/shared";
import { SubscriptionIdParam } from "@regie/shared/contracts/consent";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ownSubscription, unsubscribe } from "../push/subscribe";
import { BEARER } from "./common";

type ResponseConfig = RouteConfig["responses"][number];
type Own = Awaited<ReturnType<typeof ownSubscription>>;

export interface SubscriptionIdRoutes {
  /** `/v1/subscriptions` or `/fhir/Subscription`; the routes are `${base}/{id}`. */
  base: string;
  tag: string;
  read: { summary: string; response: ResponseConfig; render: (c: Context, own: Own) => Response };
  end: { summary: string };
}

export function subscriptionIdRoutes(app: OpenAPIHono<AppEnv>, o: SubscriptionIdRoutes): void {
  const route = (method: "get" | "delete", summary: string, ok: Record<number, ResponseConfig>) =>
    createRoute({
      method,
      path: `${o.base}/{id}`,
      tags: [o.tag],
      summary,
      security: BEARER,
      middleware: [requireRole("provider")] as const,
      request: { params: SubscriptionIdParam },
      responses: { ...ok, ...problemResponses(400, 401, 403, 404, 503) },
    });

  app.openapi(
    route("get", o.read.summary, { 200: o.read.response }),
    async (c) => o.read.render(c, await ownSubscription(c.env, c.get("auth"), c.req.valid("param").id)) as never,
  );

  app.openapi(route("delete", o.end.summary, { 204: { description: "Ended" } }), async (c) => {
    await unsubscribe(c.env, c.get("auth"), c.req.valid("param").id);
    return c.body(null, 204) as never;
  });
}
