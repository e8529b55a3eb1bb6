/** Subscriptions in the JSON API: subscribe (optionally with a push channel), list my own, read one, end one. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { jsonResponse } from "@regie/shared";
import { Subscription, SubscriptionList, SubscriptionListQuery, SubscriptionRequest } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { ownSubscriptions, subscribe } from "../push/subscribe";
import { subscriptionIdRoutes } from "./subscription-id";
import { provider } from "./common";

export function subscriptionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    provider
      .post("/v1/subscriptions", 'Subscribe: "I hold data about this patient" (optionally: push notifications to my endpoint)', { json: SubscriptionRequest })
      .describe(
        "A duplicate subscription returns the existing one (200) instead of creating a second (201); asking again with a `channel` for a subscription without one adds it (201). " +
          "The endpoint must be https and not a private, loopback or link-local address (http://localhost only in development).",
      )
      .respond({ 200: jsonResponse(Subscription, "Already subscribed"), 201: jsonResponse(Subscription, "Subscribed") }, 400, 401, 403, 503),
    async (c) => {
      const body = c.req.valid("json");
      const r = await subscribe(c.env, c.get("auth"), { bsn: body.patient.bsn, dataCategories: body.dataCategories, channel: body.channel });
      return r.created ? c.json(r.subscription, 201) : c.json(r.subscription, 200);
    },
  );

  app.openapi(
    provider
      .get("/v1/subscriptions", "My subscriptions, with their delivery state", { query: SubscriptionListQuery })
      .ok(SubscriptionList, "One page, in id order", 400, 401, 403, 503),
    async (c) => {
      const { items, next } = await ownSubscriptions(c.env, c.get("auth"), c.req.valid("query"));
      return c.json({ items: items.map((i) => i.subscription), next }, 200);
    },
  );

  subscriptionIdRoutes(app, {
    base: "/v1/subscriptions",
    tag: "provider",
    read: {
      summary: "One of my subscriptions: status, last error, last delivery",
      response: jsonResponse(Subscription, "The subscription"),
      render: (c, own) => c.json(own.subscription, 200),
    },
    end: { summary: "End one of my subscriptions (no notification is sent for it afterwards)" },
  });
}
