/** Citizen API (/v1/me/*): what the citizen reads about themselves: the access log and its verification, notifications, and the secondary-use opt-out. */
import type { OpenAPIHono } from "@hono/zod-openapi";
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
import { citizen } from "./common";

export function meRecordRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    citizen
      .get("/v1/me/access-log", "Who asked about me, when, what, and the answer (NEN 7513), newest first", { query: AccessLogQuery })
      .describe(
        `One page at a time (\`limit\`, default ${ACCESS_LOG_PAGE_DEFAULT}, at most ${ACCESS_LOG_PAGE_MAX}); pass \`next\` as \`before\` for the next, older page.`,
      )
      .ok(AccessLog, "One page of the access log", 400, 401, 403, 503),
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
    citizen
      .get("/v1/me/access-log/verify", "Verify the hash chain of my access log", { query: ActingForQuery })
      .ok(AccessLogVerification, "Verification result", 400, 401, 403, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json(await callShard(s.stub.verifyLog(s.pseudonym)), 200);
    },
  );

  app.openapi(
    citizen.get("/v1/me/notifications", "My notifications, newest first", { query: ActingForQuery }).ok(NotificationList, "Notifications", 400, 401, 403, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), c.req.valid("query").child);
      return c.json({ items: await callShard(s.stub.notifications(s.pseudonym)) }, 200);
    },
  );

  app.openapi(citizen.get("/v1/me/secondary-use", "My EHDS secondary-use opt-out").ok(SecondaryUseState, "Current state", 401, 403, 503), async (c) => {
    const s = await resolveSubject(c.env, c.get("auth"), undefined);
    return c.json(await callShard(s.stub.secondaryUse(s.pseudonym)), 200);
  });

  app.openapi(
    citizen
      .put("/v1/me/secondary-use", "Opt out of (or back in to) secondary use (EHDS Art. 71)", { json: SecondaryUseRequest })
      .describe("An opt-out applies to data permits approved after it.")
      .ok(SecondaryUseState, "New state", 400, 401, 403, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      return c.json(unwrap(await callShard(s.stub.setSecondaryUse(s.pseudonym, c.req.valid("json").optOut, s.actor))), 200);
    },
  );
}
