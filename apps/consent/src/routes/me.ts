/** Citizen API (/v1/me/*): choices and their history (own, or a child's with ?child=). */
import { createRoute, OpenAPIHono, z } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import {
  ActingForQuery,
  Choice,
  ChoiceHistory,
  ChoiceIdParam,
  ChoiceInput,
  ChoiceList,
  ChoiceResult,
  HISTORY_PAGE_MAX,
  HistoryQuery,
} from "@regie/shared/contracts/consent";
import { resolveSubject } from "../citizens/subject";
import type { AppEnv } from "../env";
import { callShard, unwrap } from "../storage/shards";
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

  return app;
}
