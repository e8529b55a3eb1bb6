import { describe, expect, it } from "vitest";
import { call, checkBody, citizenToken, freshBsn, providerToken } from "./helpers";

describe("smoke", () => {
  it("records and checks", async () => {
    const bsn = freshBsn();
    const c = await citizenToken(bsn);
    const r = await call("POST", "/v1/me/choices", c, { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" });
    expect(r.status).toBe(201);
    const chk = await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC013", "GGC002"]));
    expect(chk.status, JSON.stringify(chk.body)).toBe(200);
    expect(chk.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(["permit", "permit"]);
  });
});
