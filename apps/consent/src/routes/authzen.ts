/**
 * AuthZEN Authorization API 1.0: POST /access/v1/evaluation and /access/v1/evaluations answer the closed question
 * from the same decision engine, rules (either party asks) and NEN 7513 log as /v1/consent-check.
 */
import { OpenAPIHono } from "@hono/zod-openapi";
import { type ClaimsOf, jsonBody, routeGroup } from "@regie/shared";
import {
  AuthzenDecision,
  AuthzenEvaluationRequest,
  AuthzenEvaluationsRequest,
  AuthzenEvaluationsResponse,
  type CategoryDecision,
} from "@regie/shared/contracts/consent";
import type { Bindings } from "../env";
import type { AppEnv } from "../env";
import { callShard, citizenShard } from "../storage/shards";
import { assertParty, providerActor } from "./common";

type Evaluation = AuthzenEvaluationRequest;

const toAuthzen = (d: CategoryDecision): AuthzenDecision => ({
  decision: d.decision === "permit",
  context: { reason_admin: { en: d.reason }, choice_id: d.choiceId, temporary: d.temporary },
});

/** Same patient, holder, requester and purpose: one question to the engine (one log entry) for all their categories. */
const questionKey = (e: Evaluation) =>
  JSON.stringify([
    e.resource.id,
    e.resource.properties.holder.ura,
    e.resource.properties.holder.organizationType,
    e.subject.id,
    e.subject.properties.organizationType,
    e.context.purpose_of_use,
  ]);

async function ask(env: Bindings, auth: ClaimsOf<"provider">, group: Evaluation[]): Promise<CategoryDecision[]> {
  const first = group[0]!;
  const holder = first.resource.properties.holder;
  const requester = {
    ura: first.subject.id,
    organizationType: first.subject.properties.organizationType,
    ...(first.subject.properties.uziRole ? { uziRole: first.subject.properties.uziRole } : {}),
  };
  assertParty(auth, holder, requester);
  const professional = first.subject.properties.professional;
  const { pseudonym, stub } = await citizenShard(env, first.resource.id);
  return callShard(
    stub.check(pseudonym, {
      holder,
      requester,
      purpose: first.context.purpose_of_use,
      dataCategories: group.map((e) => e.resource.properties.dataCategory),
      asker: providerActor(auth),
      ...(professional ? { professional } : {}),
    }),
  );
}

export function authzenRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  const provider = routeGroup({ tags: ["authzen"], role: "provider" });

  app.openapi(
    provider
      .post("/access/v1/evaluation", "AuthZEN evaluation: may the holder share this data category with the requester (subject)?", {
        body: jsonBody(AuthzenEvaluationRequest),
      })
      .describe(
        "subject: the requester organisation (URA); resource: patient_data (BSN) with holder and dataCategory; action share; context.purpose_of_use. Either party asks. Logged (NEN 7513).",
      )
      .ok(AuthzenDecision, "The decision", 400, 401, 403, 503),
    async (c) => {
      const [d] = await ask(c.env, c.get("auth"), [c.req.valid("json")]);
      return c.json(toAuthzen(d!), 200);
    },
  );

  app.openapi(
    provider
      .post("/access/v1/evaluations", "AuthZEN evaluations: many questions in one call (defaults at the top level)", {
        body: jsonBody(AuthzenEvaluationsRequest),
      })
      .describe(
        "options.evaluations_semantic: execute_all (default; evaluations with the same patient, holder, requester and purpose are one logged question), deny_on_first_deny or permit_on_first_permit (evaluated one by one, in order, stopping after the first deny/permit; the answer lists the evaluations made).",
      )
      .ok(AuthzenEvaluationsResponse, "One decision per evaluation, in order", 400, 401, 403, 503),
    async (c) => {
      const body = c.req.valid("json");
      const auth = c.get("auth");
      const evaluations = body.evaluations.map((e) => ({
        subject: (e.subject ?? body.subject)!,
        resource: (e.resource ?? body.resource)!,
        action: (e.action ?? body.action)!,
        context: (e.context ?? body.context)!,
      }));
      const semantic = body.options?.evaluations_semantic ?? "execute_all";
      const out: AuthzenDecision[] = [];
      if (semantic === "execute_all") {
        const groups = new Map<string, number[]>();
        evaluations.forEach((e, i) => groups.set(questionKey(e), [...(groups.get(questionKey(e)) ?? []), i]));
        // every question is checked (403) before any is asked, so a refused batch logs nothing
        for (const e of evaluations)
          assertParty(auth, e.resource.properties.holder, { ura: e.subject.id, organizationType: e.subject.properties.organizationType });
        for (const idx of groups.values()) {
          const decisions = await ask(
            c.env,
            auth,
            idx.map((i) => evaluations[i]!),
          );
          idx.forEach((i, k) => (out[i] = toAuthzen(decisions[k]!)));
        }
      } else {
        for (const e of evaluations) {
          const d = toAuthzen((await ask(c.env, auth, [e]))[0]!);
          out.push(d);
          if (d.decision === (semantic === "permit_on_first_permit")) break;
        }
      }
      return c.json({ evaluations: out }, 200);
    },
  );
  return app;
}
