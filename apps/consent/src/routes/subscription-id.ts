/**
 * GET and DELETE of one of a provider's own subscriptions, declared once for both faces of the registry: the JSON
 * API (/v1/subscriptions/{id}) and FHIR (/fhir/Subscription/{id}). Only the path, the words and how the read
 * subscription is rendered differ.
 */
import type { OpenAPIHono, RouteConfig } from "@hono/zod-openapi";
import { routeGroup } from "@regie/shared";
import { SubscriptionIdParam } from "@regie/shared/contracts/consent";
import type { Context } from "hono";
import type { AppEnv } from "../env";
import { ownSubscription, unsubscribe } from "../push/subscribe";

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
  const provider = routeGroup({ tags: [o.tag], role: "provider" });

  const path = `${o.base}/{id}`;
  const errors = [400, 401, 403, 404, 503] as const;

  app.openapi(
    provider.get(path, o.read.summary, { params: SubscriptionIdParam }).respond({ 200: o.read.response }, ...errors),
    async (c) => o.read.render(c, await ownSubscription(c.env, c.get("auth"), c.req.valid("param").id)) as never,
  );

  app.openapi(provider.delete(path, o.end.summary, { params: SubscriptionIdParam }).respond({ 204: { description: "Ended" } }, ...errors), async (c) => {
    await unsubscribe(c.env, c.get("auth"), c.req.valid("param").id);
    return c.body(null, 204) as never;
  });
}
