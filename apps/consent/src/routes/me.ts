/** Citizen API (/v1/me/*): choices and their history (own, or a child's with ?child=). */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
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
import { citizen, idempotencyKey } from "./common";

const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({ param: { name: "idempotency-key", in: "header" }, description: "Same key twice creates one choice" }),
});

export function meRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    citizen.get("/v1/me/choices", "My current choices (active and pending)", { query: ActingForQuery }).ok(ChoiceList, "Current choices", 400, 401, 403, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json({ items: await callShard(s.stub.listChoices(s.pseudonym)) }, 200);
    },
  );

  app.openapi(
    citizen
      .post("/v1/me/choices", "Record a choice", { query: ActingForQuery, headers: IdempotencyHeader, json: ChoiceInput })
      .describe(
        "From 12 to 16 the child records its own choice, which stays pending until a parent or guardian confirms it with the returned code (koppelcode). " +
          "Under 12 a guardian records for the child with ?child= (at once) and the child cannot; from 12 a guardian cannot record with ?child= (403).",
      )
      .created(ChoiceResult, "The recorded choice", 400, 401, 403, 413, 415, 503),
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
    citizen
      .put("/v1/me/choices/{id}", "Change a choice (a new version; history keeps the old one)", {
        params: ChoiceIdParam,
        query: ActingForQuery,
        json: ChoiceInput,
      })
      .ok(ChoiceResult, "The new version", 400, 401, 403, 404, 409, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      const result = unwrap(
        await callShard(s.stub.change(s.pseudonym, c.req.valid("param").id, c.req.valid("json"), s.actor, { pending: await s.needsGuardian() })),
      );
      return c.json(result, 200);
    },
  );

  app.openapi(
    citizen
      .delete("/v1/me/choices/{id}", "Withdraw a choice (history keeps every version)", { params: ChoiceIdParam, query: ActingForQuery })
      .ok(Choice, "The withdrawn version", 400, 401, 403, 404, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      await s.needsGuardian(); // the same who-may-write rule; a withdrawal itself counts at once
      return c.json(unwrap(await callShard(s.stub.withdraw(s.pseudonym, c.req.valid("param").id, s.actor))), 200);
    },
  );

  app.openapi(
    citizen
      .get("/v1/me/history", "Every version of every choice, oldest first, with who recorded it and through which channel", { query: HistoryQuery })
      .describe(`One page at a time (\`limit\`, default and at most ${HISTORY_PAGE_MAX}); pass \`next\` as \`after\` for the next page.`)
      .ok(ChoiceHistory, "One page of the history", 400, 401, 403, 503),
    async (c) => {
      const q = c.req.valid("query");
      const s = await resolveSubject(c.env, c.get("auth"), q.child);
      return c.json(await callShard(s.stub.history(s.pseudonym, { limit: q.limit, after: q.after })), 200);
    },
  );
}
