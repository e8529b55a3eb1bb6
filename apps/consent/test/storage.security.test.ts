import { env, runInDurableObject } from "cloudflare:test";
import { DEMO_CITIZENS } from "@regie/shared/demo";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { shardObject } from "../src/storage/shards";
import { call, categoryChoice, checkBody, citizenToken, freshBsn, hdabToken, providerToken, pseudonym, seed } from "./helpers";

async function dumpShard(p: string): Promise<string> {
  return runInDurableObject(shardObject(env, p), (_shard: ConsentShard, state) => {
    const tables = state.storage.sql
      .exec<{ name: string }>("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'")
      .toArray();
    return JSON.stringify(tables.map((t) => [t.name, state.storage.sql.exec(`SELECT * FROM "${t.name}"`).toArray()]));
  });
}

async function dumpD1(): Promise<string> {
  const { results } = await env.DB.prepare(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' AND name NOT LIKE 'd1_%'",
  ).all<{ name: string }>();
  const out: unknown[] = [];
  for (const t of results) out.push([t.name, (await env.DB.prepare(`SELECT * FROM "${t.name}"`).all()).results]);
  return JSON.stringify(out);
}

describe("no raw BSN in storage", () => {
  it("after seeding and every kind of write and question, no table in the shards or D1 contains a BSN", async () => {
    await seed();
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    // every write and question must really have happened, or the scan below proves nothing
    const expectStatus = (r: { status: number; body: unknown }, status: number, what: string) =>
      expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(status);
    const c = await call(
      "POST",
      "/v1/me/choices",
      t,
      { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" },
      { "idempotency-key": "scan" },
    );
    expectStatus(c, 201, "citizen records a choice");
    expectStatus(
      await call("PUT", `/v1/me/choices/${c.body.id}`, t, categoryChoice("huisarts", "apotheek", "GGC002", "deny")),
      200,
      "citizen changes the choice",
    );
    expectStatus(await call("POST", "/v1/subscriptions", await providerToken("huisarts"), { patient: { bsn } }), 201, "provider subscribes");
    // push subscriptions keep the BSN (and the channel headers) only sealed; the notifications they cause pass the outbox and the queue
    expectStatus(
      await call(
        "POST",
        "/fhir/Subscription",
        await providerToken("apotheek"),
        {
          resourceType: "Subscription",
          status: "requested",
          reason: "OTV",
          criteria: `Consent?_query=otv&patientid=${bsn}&providerid=00003003&providertype=J8`,
          channel: { type: "rest-hook", endpoint: "http://localhost:9/hook", header: [`X-Patient: ${bsn}`] },
        },
        { "content-type": "application/fhir+json" },
      ),
      202,
      "provider subscribes with a rest-hook through FHIR",
    );
    expectStatus(
      await call("POST", "/v1/subscriptions", await providerToken("huisarts"), { patient: { bsn }, channel: { endpoint: "http://localhost:9/hook" } }),
      201,
      "a channel is added to a subscription",
    );
    expectStatus(
      await call("POST", "/v1/provider/choices", await providerToken("huisarts"), {
        patient: { bsn },
        choice: { holder: { category: "huisarts" }, requester: { category: "ggz" }, dataCategory: "GGC013", decision: "deny" },
      }),
      201,
      "provider records a choice",
    );
    expectStatus(
      await call("POST", "/v1/temporary-consent", await providerToken("ziekenhuis"), {
        patient: { bsn },
        holder: { category: "huisarts" },
        dataCategories: ["GGC002"],
        reason: "acute",
      }),
      201,
      "temporary consent",
    );
    expectStatus(
      await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC002"])),
      200,
      "consent check",
    );
    expectStatus(
      await call("POST", "/v1/locate", await providerToken("ziekenhuis"), {
        patient: { bsn },
        requester: { ura: "00002002", organizationType: "V6" },
        purpose: "TREAT",
      }),
      200,
      "locate",
    );
    expectStatus(await call("PUT", "/v1/me/secondary-use", t, { optOut: true }), 200, "secondary-use opt-out");
    expectStatus(
      await call("POST", "/v1/secondary-use/cohort-filter", await hdabToken(), { bsns: [bsn], permitApprovedAt: new Date().toISOString() }),
      200,
      "cohort filter",
    );
    expectStatus(await call("GET", `/fhir/Consent?patient=${bsn}`, t), 200, "FHIR read");
    // break-the-glass (its reason is free text: a BSN in it is refused, see break-the-glass.error.test.ts) and the AuditEvent views
    const btg = { ...checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]), breakTheGlass: { reason: "unconscious patient at the emergency department" } };
    expectStatus(await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), btg), 200, "break-the-glass");
    const audit = await call("GET", `/fhir/AuditEvent?patient=${bsn}`, t);
    expectStatus(audit, 200, "AuditEvent, the citizen's view");
    // the patient's own view carries the BSN they asked with (from the query, not from storage)
    expect(JSON.stringify(audit.body)).toContain(bsn);
    expectStatus(await call("GET", `/fhir/AuditEvent?patient=${bsn}`, await providerToken("ziekenhuis")), 200, "AuditEvent, a provider's view");

    const all = [bsn, ...DEMO_CITIZENS.map((d) => d.bsn)];
    const dumps = [await dumpD1()];
    for (const b of all) dumps.push(await dumpShard(await pseudonym(b)));
    // the data is really there (pseudonymised)...
    expect(dumps.join("")).toContain(await pseudonym(bsn));
    expect(dumps[1]!.length).toBeGreaterThan(1000);
    // ...but never a raw BSN
    for (const d of dumps) for (const b of all) expect(d.includes(b), "raw BSN found in storage").toBe(false);
  }, 60_000); // seeds every demo citizen and runs every kind of write: slow on a loaded machine
});
