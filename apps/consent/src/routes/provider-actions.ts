/** Provider actions: recording a choice on a patient's behalf, 72-hour temporary consent, notifications (subscriptions: ./subscriptions.ts). */
import type { OpenAPIHono } from "@hono/zod-openapi";
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
import { idempotencyKey, provider, providerActor } from "./common";
import { recordOnBehalf } from "./provider-record";

export function providerActionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    provider
      .post("/v1/provider/choices", "Record a choice on the patient's behalf (the citizen is notified)", { json: ProviderChoiceRequest })
      .created(ChoiceResult, "Recorded (pending with a confirmation code for a patient under 16)", 400, 401, 403, 503),
    async (c) => {
      const { patient, choice } = c.req.valid("json");
      const auth = c.get("auth");
      const recorded = await recordOnBehalf(c.env, auth, patient.bsn, choice, c.req.header("idempotency-key"), { agent: agentOf(auth, undefined) });
      return c.json(recorded.choice, 201);
    },
  );

  app.openapi(
    provider
      .post(
        "/v1/temporary-consent",
        "Temporary consent given by the patient on the spot: a 72-hour permit for the calling provider (not the usual one) as requester",
        { json: TemporaryConsentRequest },
      )
      .describe("Flagged in the access log (emergency) and in every consent check it decides; the citizen is notified. Answers TREAT questions only.")
      .created(TemporaryConsentResponse, "The temporary permits", 400, 401, 403, 503),
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
    provider
      .get("/v1/provider/notifications", "Changes in the consent of patients I subscribed to")
      .ok(ProviderNotificationList, "Notifications, newest first", 401, 403),
    async (c) => c.json({ items: await providerNotifications(c.env.DB, c.get("auth").ura) }, 200),
  );
}
