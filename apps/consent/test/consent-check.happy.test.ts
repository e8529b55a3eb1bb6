import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { shardObject } from "../src/storage/shards";
import { offsetClock, systemClock } from "./shard-seams";
import { call, checkBody, citizenToken, freshBsn, provider, providerToken, pseudonym } from "./helpers";

type D = { dataCategory: string; decision: string; reason: string; choiceId: string | null; temporary: boolean };

async function record(bsn: string, choice: Record<string, unknown>) {
  const r = await call("POST", "/v1/me/choices", await citizenToken(bsn), choice);
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body as { id: string };
}

async function check(bsn: string, holder: string, requester: string, categories: string[], purpose: "TREAT" | "COC" = "TREAT") {
  const r = await call("POST", "/v1/consent-check", await providerToken(requester), checkBody(bsn, holder, requester, categories, purpose));
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  expect(r.body.requestId).toBeTruthy();
  return r.body.decisions as D[];
}

const huisartsToApotheek = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };

describe("POST /v1/consent-check: the closed question", () => {
  it("no choice -> deny, with a reason and no deciding choice", async () => {
    const [d] = await check(freshBsn(), "huisarts", "apotheek", ["GGC002"]);
    expect(d).toMatchObject({ dataCategory: "GGC002", decision: "deny", choiceId: null });
    expect(d!.reason).toMatch(/no matching choice/i);
  });

  it("a category permit -> permit, naming the deciding choice", async () => {
    const bsn = freshBsn();
    const c = await record(bsn, huisartsToApotheek);
    const [d] = await check(bsn, "huisarts", "apotheek", ["GGC002"]);
    expect(d).toMatchObject({ decision: "permit", choiceId: c.id, temporary: false });
  });

  it("a category permit plus a named-URA deny -> deny for that URA, permit for others of the category", async () => {
    const bsn = freshBsn();
    await record(bsn, { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit" });
    const deny = await record(bsn, { holder: { category: "huisarts" }, requester: { ura: provider("umc").ura }, dataCategory: "GGC002", decision: "deny" });
    expect((await check(bsn, "huisarts", "umc", ["GGC002"]))[0]).toMatchObject({ decision: "deny", choiceId: deny.id });
    expect((await check(bsn, "huisarts", "ziekenhuis", ["GGC002"]))[0]!.decision).toBe("permit");
  });

  it("permit and deny at equal specificity -> deny", async () => {
    const bsn = freshBsn();
    await record(bsn, huisartsToApotheek);
    const deny = await record(bsn, { ...huisartsToApotheek, decision: "deny" });
    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]).toMatchObject({ decision: "deny", choiceId: deny.id });
  });

  it("a GGC002 permit answers GGC013; a GGC013 permit does not answer GGC002", async () => {
    const a = freshBsn();
    await record(a, huisartsToApotheek);
    expect((await check(a, "huisarts", "apotheek", ["GGC013"]))[0]!.decision).toBe("permit");
    const b = freshBsn();
    await record(b, { ...huisartsToApotheek, dataCategory: "GGC013" });
    const decisions = await check(b, "huisarts", "apotheek", ["GGC002", "GGC013"]);
    expect(decisions.map((d) => [d.dataCategory, d.decision])).toEqual([
      ["GGC002", "deny"],
      ["GGC013", "permit"],
    ]);
  });

  it("an expired choice does not count", async () => {
    const bsn = freshBsn();
    await record(bsn, { ...huisartsToApotheek, validUntil: "2020-01-01" });
    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]!.decision).toBe("deny");
  });

  it("withdrawal -> the next check denies, subscribers are notified, history keeps both versions", async () => {
    const bsn = freshBsn();
    const holderToken = await providerToken("huisarts");
    const sub = await call("POST", "/v1/subscriptions", holderToken, { patient: { bsn } });
    expect(sub.status).toBe(201);
    const c = await record(bsn, huisartsToApotheek);
    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]!.decision).toBe("permit");

    const before = (await call("GET", "/v1/provider/notifications", holderToken)).body.items.filter(
      (n: { subscriptionId: string }) => n.subscriptionId === sub.body.id,
    ).length;
    const del = await call("DELETE", `/v1/me/choices/${c.id}`, await citizenToken(bsn));
    expect(del.status).toBe(200);
    expect(del.body).toMatchObject({ id: c.id, version: 2, status: "withdrawn" });

    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]!.decision).toBe("deny");
    const after = (await call("GET", "/v1/provider/notifications", holderToken)).body.items.filter(
      (n: { subscriptionId: string }) => n.subscriptionId === sub.body.id,
    );
    expect(after.length).toBe(before + 1);
    expect(after[0].kind).toBe("consent-changed");

    const history = (await call("GET", "/v1/me/history", await citizenToken(bsn))).body.items as {
      id: string;
      version: number;
      status: string;
      change: string;
    }[];
    expect(history.filter((h) => h.id === c.id).map((h) => [h.version, h.status, h.change])).toEqual([
      [1, "active", "created"],
      [2, "withdrawn", "withdrawn"],
    ]);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items).toEqual([]);
  });

  it("a changed choice is a new version and decides the next check", async () => {
    const bsn = freshBsn();
    const c = await record(bsn, huisartsToApotheek);
    const put = await call("PUT", `/v1/me/choices/${c.id}`, await citizenToken(bsn), { ...huisartsToApotheek, decision: "deny" });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ id: c.id, version: 2, decision: "deny", status: "active" });
    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]!.decision).toBe("deny");
  });

  it("a provider-recorded choice counts, shows who entered it, and notifies the citizen", async () => {
    const bsn = freshBsn();
    const r = await call("POST", "/v1/provider/choices", await providerToken("huisarts"), { patient: { bsn }, choice: huisartsToApotheek });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ status: "active", channel: "provider", recordedBy: { role: "provider", ura: provider("huisarts").ura } });
    expect((await check(bsn, "huisarts", "apotheek", ["GGC002"]))[0]!.decision).toBe("permit");
    const notes = (await call("GET", "/v1/me/notifications", await citizenToken(bsn))).body.items;
    expect(notes).toEqual([expect.objectContaining({ kind: "choice-recorded-by-provider", choiceId: r.body.id })]);
    const history = (await call("GET", "/v1/me/history", await citizenToken(bsn))).body.items;
    expect(history[0]).toMatchObject({ channel: "provider", recordedBy: { role: "provider", ura: provider("huisarts").ura } });
  });

  it("a temporary consent permits for 72 hours (flagged in the answer and the log), then denies", async () => {
    const bsn = freshBsn();
    const r = await call("POST", "/v1/temporary-consent", await providerToken("ziekenhuis"), {
      patient: { bsn },
      holder: { category: "huisarts" },
      dataCategories: ["GGC002"],
      reason: "Unconscious patient at the emergency department",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    const validUntil = Date.parse(r.body.validUntil);
    expect(validUntil - Date.now()).toBeGreaterThan(71.9 * 3600_000);
    expect(validUntil - Date.now()).toBeLessThanOrEqual(72 * 3600_000);

    const [now] = await check(bsn, "huisarts", "ziekenhuis", ["GGC002"]);
    expect(now).toMatchObject({ decision: "permit", temporary: true, choiceId: r.body.items[0].id });
    // another hospital is not covered
    expect((await check(bsn, "huisarts", "umc", ["GGC002"]))[0]!.decision).toBe("deny");
    const log = (await call("GET", "/v1/me/access-log", await citizenToken(bsn))).body.items as {
      action: string;
      emergency: boolean;
      actor: { ura: string };
    }[];
    const checks = log.filter((e) => e.action === "consent-check");
    expect(checks.find((e) => e.actor.ura === provider("ziekenhuis").ura)!.emergency).toBe(true);
    expect(checks.find((e) => e.actor.ura === provider("umc").ura)!.emergency).toBe(false);
    expect(log.find((e) => e.action === "temporary-consent")!.emergency).toBe(true);
    expect((await call("GET", "/v1/me/notifications", await citizenToken(bsn))).body.items[0].kind).toBe("temporary-consent");

    // move the shard's clock 72 hours and one minute on
    const p = await pseudonym(bsn);
    await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => {
      shard.seams.clock = offsetClock(72 * 3600_000 + 60_000);
    });
    try {
      expect((await check(bsn, "huisarts", "ziekenhuis", ["GGC002"]))[0]).toMatchObject({ decision: "deny", choiceId: null });
    } finally {
      await runInDurableObject(shardObject(env, p), (shard: ConsentShard) => {
        shard.seams.clock = systemClock;
      });
    }
  });

  it("every check is logged for the citizen with the NEN 7513 fields, whatever the outcome", async () => {
    const bsn = freshBsn();
    await check(bsn, "huisarts", "apotheek", ["GGC002", "GGC013"], "COC");
    const log = (await call("GET", "/v1/me/access-log", await citizenToken(bsn))).body.items;
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      action: "consent-check",
      outcome: "deny",
      purpose: "COC",
      dataCategories: ["GGC002", "GGC013"],
      emergency: false,
      holderUra: provider("huisarts").ura,
      actor: { role: "provider", ura: provider("apotheek").ura, organizationType: "J8", uziRole: "17.000" },
    });
    expect(log[0].eventId).toMatch(/^[0-9a-f-]{36}$/);
    expect(Date.parse(log[0].at)).toBeGreaterThan(Date.now() - 60_000);
  });
});

describe("POST /v1/locate: the open question", () => {
  it("returns the subscribed holders that have a permit for the requester, per data category", async () => {
    const bsn = freshBsn();
    for (const key of ["huisarts", "ggz", "lab"])
      expect((await call("POST", "/v1/subscriptions", await providerToken(key), { patient: { bsn } })).status).toBe(201);
    await record(bsn, { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC013", decision: "permit" });
    await record(bsn, { holder: { category: "laboratorium" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit" });
    await record(bsn, { holder: { category: "ggz" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "deny" });
    const h = provider("ziekenhuis");
    const r = await call("POST", "/v1/locate", await providerToken("ziekenhuis"), {
      patient: { bsn },
      requester: { ura: h.ura, organizationType: h.organizationType },
      purpose: "TREAT",
    });
    expect(r.status).toBe(200);
    const sources = (r.body.sources as { ura: string; dataCategories: string[] }[]).sort((a, b) => a.ura.localeCompare(b.ura));
    expect(sources).toEqual([
      // names and places from the address book (null: this file's D1 holds no address book unless seeded)
      { ura: provider("huisarts").ura, organizationType: "Z3", name: null, place: null, dataCategories: ["GGC013"] },
      { ura: provider("lab").ura, organizationType: "L1", name: null, place: null, dataCategories: ["GGC002", "GGC012", "GGC013"] },
    ]);
  });

  it("a duplicate subscription returns the existing one", async () => {
    const bsn = freshBsn();
    const t = await providerToken("huisarts");
    const a = await call("POST", "/v1/subscriptions", t, { patient: { bsn } });
    const b = await call("POST", "/v1/subscriptions", t, { patient: { bsn }, dataCategories: ["GGC013"] });
    expect([a.status, b.status]).toEqual([201, 200]);
    expect(b.body).toEqual(a.body);
  });
});
