/** POST /dev/seed (development only: app.ts mounts these routes only in development): the demo catalogue, or `{"count": n}` to grow it to n datasets. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, zodIssuesToErrors } from "@regie/shared";
import { DevSeedRequest } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { seed } from "../generator/seed";
import { shardInfo } from "../search/sharded";
import { datasetsRepo } from "../storage/repos";

export function devRoutes(app: OpenAPIHono<AppEnv>): void {
  app.post("/dev/seed", async (c) => {
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim()) {
      try {
        body = JSON.parse(text);
      } catch {
        throw new ApiError("MALFORMED_JSON", "The request body is not valid JSON");
      }
    }
    const parsed = DevSeedRequest.safeParse(body);
    if (!parsed.success) throw new ApiError("VALIDATION_FAILED", "The seed request is not valid", { errors: zodIssuesToErrors(parsed.error.issues) });
    return c.json(await seed(c.env.DB, datasetsRepo(c.env), parsed.data.count, parsed.data.variety), 200);
  });
  // The development e-mail outbox (EMAIL_SENDER=outbox): what would have been sent, newest first; `?to=` filters.
  app.get("/dev/outbox", async (c) => {
    const to = c.req.query("to") ?? null;
    const { results } = await c.env.DB.prepare(
      `SELECT id, recipient AS "to", subject, body, at FROM email_outbox WHERE (?1 IS NULL OR recipient = ?1) ORDER BY at DESC, id LIMIT 200`,
    )
      .bind(to)
      .all();
    return c.json({ items: results }, 200);
  });
  // the index shards' sizes and in-memory bytes (bench scale mode)
  app.get("/dev/search-shards", async (c) => c.json(await shardInfo(c.env, datasetsRepo(c.env)), 200));
}
