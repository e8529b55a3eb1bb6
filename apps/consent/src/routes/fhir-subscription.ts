/**
 * FHIR R4 Subscription as Mitz has it: POST /fhir/Subscription (status requested, reason OTV, criteria
 * Consent?_query=otv&patientid=…&providerid=…&providertype=…, channel rest-hook) -> 202 with the resource and its
 * Location; a duplicate -> 200 with the existing one. GET /fhir/Subscription (my own, paged), GET and DELETE
 * /fhir/Subscription/{id}. Errors are OperationOutcomes (./fhir/common.ts, one helper for /fhir).
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { FhirSubscription, FhirSubscriptionBundle, FhirSubscriptionRequest, SubscriptionListQuery } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { fhirErrors, fhirJson, fhirProvider, fhirResponse } from "./fhir/common";
import { parseCriteria, subscriptionBundle, toFhirSubscription } from "../fhir/subscription-resource";
import { ownSubscriptions, subscribe } from "../push/subscribe";
import { subscriptionIdRoutes } from "./subscription-id";

const FhirListQuery = z.object({
  _count: SubscriptionListQuery.shape.limit.openapi({ param: { name: "_count", in: "query" }, description: "At most 500 (default 100)" }),
  _cursor: SubscriptionListQuery.shape.cursor.openapi({ param: { name: "_cursor", in: "query" }, description: "From the Bundle's next link" }),
});

export function fhirSubscriptionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.use("/fhir/Subscription", fhirErrors("Subscription"));
  app.use("/fhir/Subscription/*", fhirErrors("Subscription"));

  app.openapi(
    fhirProvider
      .post("/fhir/Subscription", "Subscribe to a patient's consent changes (Mitz OTV rest-hook)", {
        body: {
          required: true,
          content: { "application/fhir+json": { schema: FhirSubscriptionRequest }, "application/json": { schema: FhirSubscriptionRequest } },
        },
      })
      .describe(
        "providerid and providertype in the criteria must be the token's URA and organisation type. The endpoint must be https and not a private, loopback or link-local address " +
          "(http://localhost only in development). channel.header values are kept sealed and sent with every notification; they are never shown again.",
      )
      .respond(
        {
          200: fhirResponse(FhirSubscription, "Already subscribed: the existing subscription"),
          202: fhirResponse(FhirSubscription, "Accepted: the new subscription (Location names it)"),
        },
        400,
        401,
        403,
        503,
      ),
    async (c) => {
      const body = c.req.valid("json");
      const auth = c.get("auth");
      const criteria = parseCriteria(body.criteria);
      if (!criteria.ok) throw new ApiError("VALIDATION_FAILED", criteria.message, { errors: [{ path: "/criteria", message: criteria.message }] });
      const { bsn, ura, organizationType } = criteria.value;
      if (ura !== auth.ura) throw new ApiError("FORBIDDEN", "providerid must be your token's URA: you subscribe for your own organisation");
      if (organizationType !== auth.organizationType) throw new ApiError("FORBIDDEN", "providertype must be your token's organisation type");
      const channel = { endpoint: body.channel.endpoint, headers: body.channel.header };
      const r = await subscribe(c.env, auth, { bsn, channel }, "/channel/endpoint");
      const resource = toFhirSubscription(r.subscription, bsn);
      const location = new URL(`/fhir/Subscription/${r.subscription.id}`, c.req.url).toString();
      return fhirJson(c, resource, r.created ? 202 : 200, { location }) as never;
    },
  );

  app.openapi(
    fhirProvider
      .get("/fhir/Subscription", "My subscriptions (searchset Bundle, paged by _count and the next link)", { query: FhirListQuery })
      .respond({ 200: fhirResponse(FhirSubscriptionBundle, "Bundle") }, 400, 401, 403, 503),
    async (c) => {
      const q = c.req.valid("query");
      const { items, next } = await ownSubscriptions(c.env, c.get("auth"), { limit: q._count, cursor: q._cursor });
      const self = new URL(c.req.url);
      const nextUrl = next ? new URL(self) : null;
      if (nextUrl) nextUrl.searchParams.set("_cursor", next!);
      const bundle = subscriptionBundle(
        items.map((i) => toFhirSubscription(i.subscription, i.bsn)),
        self.toString(),
        nextUrl?.toString() ?? null,
      );
      return fhirJson(c, bundle) as never;
    },
  );

  subscriptionIdRoutes(app, {
    base: "/fhir/Subscription",
    tag: "fhir",
    read: {
      summary: "One of my subscriptions: status and the last delivery error",
      response: fhirResponse(FhirSubscription, "The subscription"),
      render: (c, own) => fhirJson(c, toFhirSubscription(own.subscription, own.bsn)),
    },
    end: { summary: "End one of my subscriptions (nothing is sent for it afterwards)" },
  });
}
