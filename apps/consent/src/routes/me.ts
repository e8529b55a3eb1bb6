/** Citizen API (/v1/me/*): choices, history, notifications, access log, secondary-use opt-out, children. */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { ApiError, jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import {
  ACCESS_LOG_PAGE_DEFAULT,
  ACCESS_LOG_PAGE_MAX,
  AccessLog,
  AccessLogQuery,
  AccessLogVerification,
  ActingForQuery,
  ChildId,
  ChildList,
  Choice,
  ChoiceHistory,
  ChoiceIdParam,
  ChoiceInput,
  ChoiceList,
  ChoiceResult,
  ConfirmChoiceRequest,
  HISTORY_PAGE_MAX,
  HistoryQuery,
  NotificationList,
  SecondaryUseRequest,
  SecondaryUseState,
} from "@regie/shared/contracts/consent";
import { AGE_OF_CONSENT, ageOn, minorRule } from "../citizens/age";
import { resolveSubject } from "../citizens/subject";
import type { AppEnv } from "../env";
import { childrenOf, isGuardian, organisationNames } from "../storage/directory";
import { callShard, shardStub, unwrap } from "../storage/shards";
import { BEARER, idempotencyKey } from "./common";

const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ param: { name: "idempotency-key", in: "header" }, description: "Same key twice creates one choice" }),
});

export function meRoutes() {
  const app = new OpenAPIHono<AppEnv>();

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/choices",
      tags: ["citizen"],
      summary: "My current choices (active and pending)",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: ActingForQuery },
      responses: { 200: jsonResponse(ChoiceList, "Current choices"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json({ items: await callShard(s.stub.listChoices(s.pseudonym)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/me/choices",
      tags: ["citizen"],
      summary: "Record a choice",
      description:
        "From 12 to 16 the child records its own choice, which stays pending until a parent or guardian confirms it with the returned code (koppelcode). " +
        "Under 12 a guardian records for the child with ?child= (at once) and the child cannot; from 12 a guardian cannot record with ?child= (403).",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: ActingForQuery, headers: IdempotencyHeader, body: jsonBody(ChoiceInput) },
      responses: { 201: jsonResponse(ChoiceResult, "The recorded choice"), ...problemResponses(400, 401, 403, 413, 415, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      const key = idempotencyKey(c.req.header("idempotency-key"), `me-choice|${s.self}|${s.pseudonym}`);
      const result = unwrap(
        await callShard(s.stub.record(s.pseudonym, c.req.valid("json"), s.actor, { idempotencyKey: key, pending: await s.needsGuardian() })),
      );
      return c.json(result, 201);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/me/choices/{id}",
      tags: ["citizen"],
      summary: "Change a choice (a new version; history keeps the old one)",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { params: ChoiceIdParam, query: ActingForQuery, body: jsonBody(ChoiceInput) },
      responses: { 200: jsonResponse(ChoiceResult, "The new version"), ...problemResponses(400, 401, 403, 404, 409, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      const result = unwrap(
        await callShard(s.stub.change(s.pseudonym, c.req.valid("param").id, c.req.valid("json"), s.actor, { pending: await s.needsGuardian() })),
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "delete",
      path: "/v1/me/choices/{id}",
      tags: ["citizen"],
      summary: "Withdraw a choice (history keeps every version)",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { params: ChoiceIdParam, query: ActingForQuery },
      responses: { 200: jsonResponse(Choice, "The withdrawn version"), ...problemResponses(400, 401, 403, 404, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      await s.needsGuardian(); // the same who-may-write rule; a withdrawal itself counts at once
      return c.json(unwrap(await callShard(s.stub.withdraw(s.pseudonym, c.req.valid("param").id, s.actor))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/history",
      tags: ["citizen"],
      summary: "Every version of every choice, oldest first, with who recorded it and through which channel",
      description: `One page at a time (\`limit\`, default and at most ${HISTORY_PAGE_MAX}); pass \`next\` as \`after\` for the next page.`,
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: HistoryQuery },
      responses: { 200: jsonResponse(ChoiceHistory, "One page of the history"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const s = await resolveSubject(c.env, c.get("auth"), q.child);
      return c.json(await callShard(s.stub.history(s.pseudonym, { limit: q.limit, after: q.after })), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/access-log",
      tags: ["citizen"],
      summary: "Who asked about me, when, what, and the answer (NEN 7513), newest first",
      description: `One page at a time (\`limit\`, default ${ACCESS_LOG_PAGE_DEFAULT}, at most ${ACCESS_LOG_PAGE_MAX}); pass \`next\` as \`before\` for the next, older page.`,
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: AccessLogQuery },
      responses: { 200: jsonResponse(AccessLog, "One page of the access log"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const q = c.req.valid("query");
      const s = await resolveSubject(c.env, c.get("auth"), q.child);
      const page = await callShard(s.stub.accessLog(s.pseudonym, { limit: q.limit, before: q.before }));
      const names = await organisationNames(
        c.env.DB,
        page.items.flatMap((e) => (e.actor.ura ? [e.actor.ura] : [])),
      );
      return c.json(
        { items: page.items.map((e) => ({ ...e, actor: { ...e.actor, name: e.actor.ura ? (names.get(e.actor.ura) ?? null) : null } })), next: page.next },
        200,
      );
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/access-log/verify",
      tags: ["citizen"],
      summary: "Verify the hash chain of my access log",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: ActingForQuery },
      responses: { 200: jsonResponse(AccessLogVerification, "Verification result"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json(await callShard(s.stub.verifyLog(s.pseudonym)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/notifications",
      tags: ["citizen"],
      summary: "My notifications, newest first",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { query: ActingForQuery },
      responses: { 200: jsonResponse(NotificationList, "Notifications"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json({ items: await callShard(s.stub.notifications(s.pseudonym)) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/secondary-use",
      tags: ["citizen"],
      summary: "My EHDS secondary-use opt-out",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      responses: { 200: jsonResponse(SecondaryUseState, "Current state"), ...problemResponses(401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      return c.json(await callShard(s.stub.secondaryUse(s.pseudonym)), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "put",
      path: "/v1/me/secondary-use",
      tags: ["citizen"],
      summary: "Opt out of (or back in to) secondary use (EHDS Art. 71)",
      description: "An opt-out applies to data permits approved after it.",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { body: jsonBody(SecondaryUseRequest) },
      responses: { 200: jsonResponse(SecondaryUseState, "New state"), ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      return c.json(unwrap(await callShard(s.stub.setSecondaryUse(s.pseudonym, c.req.valid("json").optOut, s.actor))), 200);
    },
  );

  app.openapi(
    createRoute({
      method: "get",
      path: "/v1/me/children",
      tags: ["citizen"],
      summary: "Children I have parental authority over (BRP)",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      responses: { 200: jsonResponse(ChildList, "Children"), ...problemResponses(401, 403, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      const kids = await childrenOf(c.env.DB, s.self);
      const now = new Date();
      const items = await Promise.all(
        kids.map(async (k) => {
          const age = ageOn(k.birthDate, now);
          return {
            childId: k.pseudonym,
            name: k.name,
            birthDate: k.birthDate,
            age,
            guardianManages: age < AGE_OF_CONSENT,
            guardianRecords: minorRule(age) === "guardian-records",
            pendingChoices: await callShard(shardStub(c.env, k.pseudonym).pendingCount(k.pseudonym)),
          };
        }),
      );
      return c.json({ items }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/me/children/{childId}/confirmations",
      tags: ["citizen"],
      summary: "Confirm a child's pending choice with its confirmation code (koppelcode)",
      description:
        "A wrong code answers 422 and counts; after 5 wrong codes (410) or after 30 days (410) the code no longer works and the child records the choice again.",
      security: BEARER,
      middleware: [requireRole("citizen")] as const,
      request: { params: z.object({ childId: ChildId.openapi({ param: { name: "childId", in: "path" } }) }), body: jsonBody(ConfirmChoiceRequest) },
      responses: { 200: jsonResponse(Choice, "The confirmed (now active) choice"), ...problemResponses(400, 401, 403, 404, 410, 422, 503) },
    }),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      const child = c.req.valid("param").childId;
      if (!(await isGuardian(c.env.DB, s.self, child))) throw new ApiError("FORBIDDEN", "You are not registered as a parent or guardian of this child");
      const { choiceId, code } = c.req.valid("json");
      return c.json(unwrap(await callShard(shardStub(c.env, child).confirm(child, choiceId, code, { role: "guardian" }))), 200);
    },
  );
  return app;
}
