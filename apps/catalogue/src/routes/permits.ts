/**
 * Data permits and the public register (Art. 57/58: the HDAB makes public the permits it issued and the data
 * requests it answered), and the researcher's in-app notifications. The register needs no login and holds nothing
 * that names a natural person (see the Permit contract).
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, routeGroup } from "@regie/shared";
import { NotificationList, Permit, PermitList } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { notificationsOf } from "../notifications/notify";
import { withStatus } from "../permits/permit";
import { PermitsRepo } from "../permits/repo";
import { researcher } from "./common";

const PERMIT_ID = /^EHDS-NL-\d{4}-[0-9A-F]{8}$/;

export function permitRoutes(app: OpenAPIHono<AppEnv>): void {
  const publicPermits = routeGroup({ tags: ["permits"] });
  app.openapi(
    publicPermits
      .get("/v1/permits", "The public register of data permits and answered data requests (no login)", {
        query: z.object({ limit: z.coerce.number().int().min(1).max(100).default(50), offset: z.coerce.number().int().min(0).max(100_000).default(0) }),
      })
      .ok(PermitList, "Newest first", 400),
    async (c) => {
      const { limit, offset } = c.req.valid("query");
      const { items, total } = await new PermitsRepo(c.env.DB).list(limit, offset);
      const now = new Date();
      c.header("cache-control", "public, max-age=60");
      return c.json({ items: items.map((p) => withStatus(p, now)), total }, 200);
    },
  );

  app.openapi(
    publicPermits
      .get("/v1/permits/{id}", "One data permit (no login; expired ones say so)", {
        params: z.object({
          id: z
            .string()
            .min(1)
            .max(100)
            .openapi({ param: { name: "id", in: "path" } }),
        }),
      })
      .ok(Permit, "The permit", 404),
    async (c) => {
      const id = c.req.valid("param").id;
      const permit = PERMIT_ID.test(id) ? await new PermitsRepo(c.env.DB).get(id) : null;
      if (!permit) throw new ApiError("NOT_FOUND", "No such permit");
      return c.json(withStatus(permit, new Date()), 200);
    },
  );

  app.openapi(
    researcher
      .get("/v1/me/notifications", "Notifications about the applications one applies for or collaborates on (researcher)")
      .ok(NotificationList, "Newest first, at most 200", 401, 403),
    async (c) => c.json({ items: await notificationsOf(c.env.DB, c.get("auth").sub) }, 200),
  );
}
