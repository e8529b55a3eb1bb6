import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { call, checkBody, citizenToken, freshBsn, provider, providerToken } from "./helpers";

const huisarts = () => ({ ura: provider("huisarts").ura });
const ziekenhuis = () => ({ ura: provider("ziekenhuis").ura });

describe("POST /dev/bulk-choices (development only)", () => {
  it("records many citizens' choices exactly as the citizens would: checks, choice lists and access logs agree", async () => {
    const bsns = Array.from({ length: 40 }, () => freshBsn());
    const body = {
      citizens: bsns.map((bsn, i) => ({
        bsn,
        choices: [
          { holder: huisarts(), requester: ziekenhuis(), dataCategory: "GGC002", decision: i % 2 === 0 ? "permit" : "deny" },
          { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit", validUntil: "2030-01-01" },
        ],
      })),
    };
    const res = await call("POST", "/dev/bulk-choices", undefined, body);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ citizens: 40, choices: 80 });

    for (const [i, bsn] of bsns.entries()) {
      const q = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]));
      expect(q.body.decisions[0].decision).toBe(i % 2 === 0 ? "permit" : "deny");
    }
    const token = await citizenToken(bsns[3]!);
    const mine = (await call("GET", "/v1/me/choices", token)).body.items;
    expect(mine).toHaveLength(2);
    expect(
      mine.every(
        (c: { recordedBy: { role: string }; channel: string; status: string }) =>
          c.recordedBy.role === "citizen" && c.channel === "portal" && c.status === "active",
      ),
    ).toBe(true);
    const log = (await call("GET", "/v1/me/access-log", token)).body.items.map((e: { action: string }) => e.action);
    expect(log.filter((a: string) => a === "choice-recorded")).toHaveLength(2);
    expect((await call("GET", "/v1/me/access-log/verify", token)).body.valid).toBe(true);
    // hundreds of writes: seconds alone, more on a loaded 2-core machine
  }, 30_000);

  it("refuses a malformed batch as a whole with a problem+json and records nothing", async () => {
    const good = freshBsn();
    const res = await call("POST", "/dev/bulk-choices", undefined, {
      citizens: [
        { bsn: good, choices: [{ holder: huisarts(), requester: ziekenhuis(), dataCategory: "GGC002", decision: "permit" }] },
        { bsn: "123456789", choices: [{ holder: huisarts(), requester: ziekenhuis(), dataCategory: "GGC002", decision: "permit" }] },
      ],
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(JSON.stringify(res.body)).not.toContain("123456789");
    expect((await call("GET", "/v1/me/choices", await citizenToken(good))).body.items).toHaveLength(0);
  });

  it("does not exist outside development, whatever the body", async () => {
    const res = await buildApp("production").request(
      "/dev/bulk-choices",
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ citizens: "nonsense" }) },
      { ...env, ENVIRONMENT: "production" },
    );
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("is left out of the OpenAPI document", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    expect(Object.keys(doc.paths)).not.toContain("/dev/bulk-choices");
  });
});

describe("GET /dev/shard-ping (development only)", () => {
  it("makes one empty round trip to a shard object", async () => {
    const res = await call("GET", "/dev/shard-ping");
    expect(res.status).toBe(200);
    expect(res.body.pong).toBe(true);
    expect(res.body.shard).toBeGreaterThanOrEqual(0);
    expect(res.body.shard).toBeLessThan(Number(env.SHARD_COUNT));
  });

  it("reaches a given shard, and refuses one that does not exist", async () => {
    expect((await call("GET", "/dev/shard-ping?shard=3")).body).toEqual({ shard: 3, of: Number(env.SHARD_COUNT), pong: true });
    for (const bad of [String(Number(env.SHARD_COUNT)), "-1", "1.5", "x"]) {
      const res = await call("GET", `/dev/shard-ping?shard=${bad}`);
      expect(res.status).toBe(400);
      expect(res.headers.get("content-type")).toBe("application/problem+json");
    }
  });

  it("does not exist outside development", async () => {
    const res = await buildApp("production").request("/dev/shard-ping", {}, { ...env, ENVIRONMENT: "production" });
    expect(res.status).toBe(404);
  });
});
