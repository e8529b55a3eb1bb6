/**
 * AuthZEN Authorization API 1.0: POST /access/v1/evaluation and /access/v1/evaluations answer the closed question
 * from the same decision engine, rules (either party asks) and NEN 7513 log as /v1/consent-check.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { type ClaimsOf, routeGroup } from "@regie/shared";
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
type Semantic = NonNullable<NonNullable<AuthzenEvaluationsRequest["options"]>["evaluations_semantic"]>;

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

/**
 * The decisions of a batch, in order. execute_all (the default) asks each group of the same question once, after
 * checking every question (403) first, so that a refused batch logs nothing; deny_on_first_deny and
 * permit_on_first_permit ask one by one and stop after the first deny or permit (the answer lists those asked).
 */
async function evaluate(env: Bindings, auth: ClaimsOf<"provider">, evaluations: Evaluation[], semantic: Semantic = "execute_all"): Promise<AuthzenDecision[]> {
  const out: AuthzenDecision[] = [];
  if (semantic === "execute_all") {
    const groups = new Map<string, number[]>();
    evaluations.forEach((e, i) => groups.set(questionKey(e), [...(groups.get(questionKey(e)) ?? []), i]));
    for (const e of evaluations)
      assertParty(auth, e.resource.properties.holder, { ura: e.subject.id, organizationType: e.subject.properties.organizationType });
    for (const idx of groups.values()) {
      const decisions = await ask(
        env,
        auth,
        idx.map((i) => evaluations[i]!),
      );
      idx.forEach((i, k) => (out[i] = toAuthzen(decisions[k]!)));
    }
    return out;
  }
  for (const e of evaluations) {
    const d = toAuthzen((await ask(env, auth, [e]))[0]!);
    out.push(d);
    if (d.decision === (semantic === "permit_on_first_permit")) break;
  }
  return out;
}

export function authzenRoutes(app: OpenAPIHono<AppEnv>): void {
  const provider = routeGroup({ tags: ["authzen"], role: "provider" });

  app.openapi(
    provider
      .post("/access/v1/evaluation", "AuthZEN evaluation: may the holder share this data category with the requester (subject)?", {
        json: AuthzenEvaluationRequest,
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
      .post("/access/v1/evaluations", "AuthZEN evaluations: many questions in one call (defaults at the top level)", { json: AuthzenEvaluationsRequest })
      .describe(
        "options.evaluations_semantic: execute_all (default; evaluations with the same patient, holder, requester and purpose are one logged question), deny_on_first_deny or permit_on_first_permit (evaluated one by one, in order, stopping after the first deny/permit; the answer lists the evaluations made).",
      )
      .ok(AuthzenEvaluationsResponse, "One decision per evaluation, in order", 400, 401, 403, 503),
    async (c) => {
      const { evaluations, options, ...defaults } = c.req.valid("json");
      const questions = evaluations.map((e) => ({
        subject: (e.subject ?? defaults.subject)!,
        resource: (e.resource ?? defaults.resource)!,
        action: (e.action ?? defaults.action)!,
        context: (e.context ?? defaults.context)!,
      }));
      return c.json({ evaluations: await evaluate(c.env, c.get("auth"), questions, options?.evaluations_semantic) }, 200);
    },
  );
}
