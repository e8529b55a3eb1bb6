/** Provider actions: recording a choice on a patient's behalf, 72-hour temporary consent, notifications (subscriptions: ./subscriptions.ts). */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import {
  ChoiceResult,
  ProviderChoiceRequest,
  ProviderNotificationList,
  TemporaryConsentRequest,
  TemporaryConsentResponse,
} from "@regie/shared/contracts/consent";
import { agentOf } from "../fhir/consent-record";
import type { AppEnv } from "../env";
import { providerNotifications } from "../storage/directory";
import { callShard, citizenShard, unwrap } from "../storage/shards";
import { BEARER, idempotencyKey, providerActor } from "./common";
import { recordOnBehalf } from "./provider-record";

export function providerActionRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/provider/choices",
      tags: ["provider"],
      summary: "Record a choice on the patient's behalf (the citizen is notified)",
      security: BEARER,
      middleware: [requireRole("provider")] as const,
      request: { body: jsonBody(ProviderChoiceRequest) },
      responses: {
        201: jsonResponse(ChoiceResult, "Recorded (pending with a confirmation code for a patient under 16)"),
        ...problemResponses(400, 401, 403, 503),
      },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const auth = c.get("auth");
      const recorded = await recordOnBehalf(c.env, auth, body.patient.bsn, body.choice, c.req.header("idempotency-key"), { agent: agentOf(auth, undefined) });
      return c.json(recorded.choice, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/temporary-consent",
      tags: ["provider"],
      summary: "Temporary consent given by the patient on the spot: a 72-hour permit for the calling provider (not the usual one) as requester",
      description: "Flagged in the access log (emergency) and in every consent check it decides; the citizen is notified. Answers TREAT questions only.",
      security: BEARER,
      middleware: [requireRole("provider")] as const,
      request: { body: jsonBody(TemporaryConsentRequest) },
      responses: { 201: jsonResponse(TemporaryConsentResponse, "The temporary permits"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const body = c.req.valid("json");
      const auth = c.get("auth");
      const { pseudonym, stub } = await citizenShard(c.env, body.patient.bsn);
      const key = idempotencyKey(c.req.header("idempotency-key"), `temporary|${auth.ura}|${pseudonym}`);
      return c.json(
        unwrap(await callShard(stub.temporaryConsent(pseudonym, body.holder, body.dataCategories, body.reason, providerActor(auth), { idempotencyKey: key }))),
        201,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/provider/notifications",
      tags: ["provider"],
      summary: "Changes in the consent of patients I subscribed to",
      security: BEARER,
      middleware: [requireRole("provider")] as const,
      responses: { 200: jsonResponse(ProviderNotificationList, "Notifications, newest first"), ...problemResponses(401, 403) },
    }),
    async (c) => c.json({ items: await providerNotifications(c.env.DB, c.get("auth").ura) }, 200),
  );
  return app;
}
