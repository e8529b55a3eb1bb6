import { describe, expect, it } from "vitest";
import { call, checkBody, citizenToken, freshBsn, providerToken } from "./helpers";

describe("50 concurrent conflicting writes for one citizen", () => {
  it("loses none; the history is complete and ordered", async () => {
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    const base = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002" };
    const first = await call("POST", "/v1/me/choices", t, { ...base, decision: "permit" });
    expect(first.status).toBe(201);

    // 30 concurrent changes of the same choice (alternating permit/deny) and 20 concurrent new choices
    const changes = Array.from({ length: 30 }, (_, i) => call("PUT", `/v1/me/choices/${first.body.id}`, t, { ...base, decision: i % 2 ? "deny" : "permit" }));
    const creates = Array.from({ length: 20 }, (_, i) =>
      call("POST", "/v1/me/choices", t, { ...base, requester: { ura: String(10_000 + i) }, decision: "deny" }),
    );
    const results = await Promise.all([...changes, ...creates]);
    expect(results.map((r) => r.status)).toEqual([...Array(30).fill(200), ...Array(20).fill(201)]);

    const versions = results
      .slice(0, 30)
      .map((r) => r.body.version as number)
      .sort((a, b) => a - b);
    expect(versions).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));

    const history = (await call("GET", "/v1/me/history", t)).body.items as { id: string; version: number; decision: string }[];
    expect(history).toHaveLength(1 + 50);
    const ofFirst = history.filter((h) => h.id === first.body.id);
    expect(ofFirst.map((h) => h.version)).toEqual(Array.from({ length: 31 }, (_, i) => i + 1));
    expect(new Set(history.filter((h) => h.id !== first.body.id).map((h) => h.id)).size).toBe(20);

    // the current version is the last one written, and it decides
    const current = (await call("GET", "/v1/me/choices", t)).body.items as { id: string; version: number; decision: string }[];
    expect(current).toHaveLength(21);
    const latest = current.find((c) => c.id === first.body.id)!;
    expect(latest.version).toBe(31);
    expect(latest.decision).toBe(ofFirst.at(-1)!.decision);
    const d = await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC002"]));
    expect(d.body.decisions[0]).toMatchObject({ decision: latest.decision, choiceId: first.body.id });

    // every change was logged
    const log = (await call("GET", "/v1/me/access-log/verify", t)).body;
    expect(log).toEqual({ valid: true, entries: 1 + 50 + 1, firstInvalidSeq: null });
  });
});
