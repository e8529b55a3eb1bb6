/** Citizen API (/v1/me/*): what the citizen reads about themselves: the access log and its verification, notifications, and the secondary-use opt-out. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { jsonBody, jsonResponse, problemResponses, requireRole } from "@regie/shared";
import {
  ACCESS_LOG_PAGE_DEFAULT,
  ACCESS_LOG_PAGE_MAX,
  AccessLog,
  AccessLogQuery,
  AccessLogVerification,
  ActingForQuery,
  NotificationList,
  SecondaryUseRequest,
  SecondaryUseState,
} from "@regie/shared/contracts/consent";
import { resolveSubject } from "../citizens/subject";
import type { AppEnv } from "../env";
import { organisationNames } from "../storage/directory";
import { callShard, unwrap } from "../storage/shards";
import { BEARER } from "./common";

export function meRecordRoutes() {
  const app = new OpenAPIHono<AppEnv>();

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

  return app;
}
