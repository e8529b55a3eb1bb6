/** POST /dev/seed (ENVIRONMENT=development only, idempotent): organisation directory, BRP stand-in, demo choices. */
import { Hono } from "hono";
import { ApiError, pseudonymise } from "@regie/shared";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import type { AppEnv } from "../env";
import { DEMO_CONSENT } from "../dev/demo-data";
import { callShard, shardStub } from "../storage/shards";

export function devRoutes() {
  const app = new Hono<AppEnv>();
  app.post("/dev/seed", async (c) => {
    if (c.env.ENVIRONMENT !== "development") throw new ApiError("NOT_FOUND", "No resource at POST /dev/seed");
    const db = c.env.DB;
    const byKey = new Map<string, string>();
    for (const p of DEMO_CITIZENS) byKey.set(p.key, await pseudonymise(p.bsn, c.env.PSEUDONYM_KEY));
    const statements = [
      ...DEMO_PROVIDERS.map((p) => db.prepare("INSERT OR REPLACE INTO organisations (ura, name, organization_type) VALUES (?, ?, ?)").bind(p.ura, p.name, p.organizationType)),
      ...DEMO_CITIZENS.map((p) => db.prepare("INSERT OR REPLACE INTO brp_persons (pseudonym, name, birth_date) VALUES (?, ?, ?)").bind(byKey.get(p.key)!, p.name, p.birthDate)),
      ...DEMO_CITIZENS.flatMap((p) => p.guardianOf.map((child) => db.prepare("INSERT OR IGNORE INTO brp_guardians (guardian, child) VALUES (?, ?)").bind(byKey.get(p.key)!, byKey.get(child)!))),
    ];
    await callShard(db.batch(statements));
    let seeded = 0;
    for (const p of DEMO_CITIZENS) {
      const spec = DEMO_CONSENT[p.key];
      if (!spec) continue;
      const pseudonym = byKey.get(p.key)!;
      if (await callShard(shardStub(c.env, pseudonym).seedCitizen(pseudonym, spec))) seeded++;
    }
    return c.json({ seeded, citizens: DEMO_CITIZENS.length, providers: DEMO_PROVIDERS.length }, 200);
  });
  return app;
}
