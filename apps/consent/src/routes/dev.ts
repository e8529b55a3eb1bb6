/**
 * Development-only routes (app.ts mounts them only in development, so elsewhere they are 404; left out of the OpenAPI document):
 * POST /dev/seed (idempotent): the address book (10,000 generated organisations with the demo providers among them),
 * BRP stand-in, demo choices.
 * POST /dev/address-book?count=N (idempotent): a generated address book of N organisations (the benchmark's 100,000).
 * POST /dev/bulk-choices: many citizens' choices at once, for benchmarks and load tests.
 * GET /dev/shard-ping[?shard=N]: one empty round trip to a (random or given) shard object, the benchmark's measure
 * of that hop alone.
 */
import { createRoute, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, jsonBody, jsonResponse, problemResponses, pseudonymise } from "@regie/shared";
import { DevBulkChoicesRequest, DevBulkChoicesResponse, type ChoiceInput } from "@regie/shared/contracts/consent";
import { pseudonymiserFor } from "../citizens/fast-pseudonym";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import type { AppEnv } from "../env";
import { DEMO_CONSENT } from "../dev/demo-data";
import { addressBookRecords, DEMO_ADDRESS_BOOK_SIZE, generateAddressBook } from "../dev/address-book-data";
import type { OrganisationRecord } from "../address-book/model";
import { applyRecords } from "../address-book/store";
import { seal } from "../push/sealed";
import { callShard, shardStub } from "../storage/shards";

export function devRoutes(app: OpenAPIHono<AppEnv>): void {
  app.post("/dev/seed", async (c) => {
    const db = c.env.DB;
    const byKey = new Map<string, string>();
    for (const p of DEMO_CITIZENS) byKey.set(p.key, await pseudonymise(p.bsn, c.env.PSEUDONYM_KEY));
    const statements = [
      ...DEMO_CITIZENS.map((p) =>
        db.prepare("INSERT OR REPLACE INTO brp_persons (pseudonym, name, birth_date) VALUES (?, ?, ?)").bind(byKey.get(p.key)!, p.name, p.birthDate),
      ),
      ...DEMO_CITIZENS.flatMap((p) =>
        p.guardianOf.map((child) =>
          db.prepare("INSERT OR IGNORE INTO brp_guardians (guardian, child) VALUES (?, ?)").bind(byKey.get(p.key)!, byKey.get(child)!),
        ),
      ),
    ];
    await callShard(db.batch(statements));
    await callShard(applyRecords(db, generateAddressBook(DEMO_ADDRESS_BOOK_SIZE), [], Date.now()));
    let seeded = 0;
    for (const p of DEMO_CITIZENS) {
      const spec = DEMO_CONSENT[p.key];
      if (!spec) continue;
      const pseudonym = byKey.get(p.key)!;
      const patientSealed = await seal(p.bsn, "patient", c.env.PSEUDONYM_KEY);
      if (await callShard(shardStub(c.env, pseudonym).seedCitizen(pseudonym, spec, patientSealed))) seeded++;
    }
    return c.json({ seeded, citizens: DEMO_CITIZENS.length, providers: DEMO_PROVIDERS.length }, 200);
  });

  app.post("/dev/address-book", async (c) => {
    const count = Number(c.req.query("count") ?? DEMO_ADDRESS_BOOK_SIZE);
    if (!Number.isInteger(count) || count < 1 || count > 200_000) throw new ApiError("BAD_REQUEST", "count must be an integer from 1 to 200000");
    let added = 0;
    let slice: OrganisationRecord[] = [];
    // in slices, so one call's memory holds at most 10,000 generated records at a time
    const flush = async () => {
      added += (await callShard(applyRecords(c.env.DB, slice, [], Date.now()))).added.length;
      slice = [];
    };
    for (const record of addressBookRecords(count)) {
      slice.push(record);
      if (slice.length === 10_000) await flush();
    }
    if (slice.length) await flush();
    return c.json({ organisations: count, added }, 200);
  });

  // The benchmark's middle baseline: one round trip to a shard object that does nothing (empty route < this < check).
  app.get("/dev/shard-ping", async (c) => {
    const count = Number(c.env.SHARD_COUNT);
    const asked = c.req.query("shard");
    if (asked !== undefined && !(/^\d{1,9}$/.test(asked) && Number(asked) < count))
      throw new ApiError("BAD_REQUEST", `shard must be an integer from 0 to ${count - 1}`);
    const shard = asked === undefined ? Math.floor(Math.random() * count) : Number(asked);
    const stub = c.env.SHARDS.get(c.env.SHARDS.idFromName("shard-" + shard));
    return c.json({ shard, of: count, pong: await callShard(stub.ping()) }, 200);
  });

  app.openapi(
    createRoute({
      method: "post",
      path: "/dev/bulk-choices",
      hide: true,
      request: { body: jsonBody(DevBulkChoicesRequest) },
      responses: { 200: jsonResponse(DevBulkChoicesResponse, "Choices recorded"), ...problemResponses(400, 404, 413, 415, 503) },
    }),
    async (c) => {
      const toPseudonym = pseudonymiserFor(c.env.PSEUDONYM_KEY);
      const byShard = new Map<string, { stub: ReturnType<typeof shardStub>; items: { citizen: string; choices: ChoiceInput[] }[] }>();
      for (const { bsn, choices } of c.req.valid("json").citizens) {
        const citizen = toPseudonym(bsn);
        const stub = shardStub(c.env, citizen);
        const key = stub.id.toString();
        let group = byShard.get(key);
        if (!group) byShard.set(key, (group = { stub, items: [] }));
        group.items.push({ citizen, choices });
      }
      const counts = await callShard(Promise.all([...byShard.values()].map((g) => g.stub.recordMany(g.items))));
      return c.json({ citizens: [...byShard.values()].reduce((s, g) => s + g.items.length, 0), choices: counts.reduce((s, n) => s + n, 0) }, 200);
    },
  );
}
