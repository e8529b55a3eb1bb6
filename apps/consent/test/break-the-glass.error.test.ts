import { describe, expect, it } from "vitest";
import { call, checkBody, citizenToken, freshBsn, providerToken } from "./helpers";

describe("break-the-glass: refused declarations are 4xx and leave no trace", () => {
  it.each([
    ["purpose COC", "ziekenhuis", { purpose: "COC" }, { reason: "unconscious patient" }, 400],
    ["declared by the holder", "huisarts", {}, { reason: "unconscious patient" }, 403],
    ["a reason with a BSN in it", "ziekenhuis", {}, { reason: "patient 999990007 unconscious" }, 400],
    ["a reason too short", "ziekenhuis", {}, { reason: "x" }, 400],
    ["unknown fields", "ziekenhuis", {}, { reason: "unconscious patient", override: true }, 400],
  ])("%s", async (_what, caller, extra, breakTheGlass, status) => {
    const bsn = freshBsn();
    const r = await call("POST", "/v1/consent-check", await providerToken(caller), {
      ...checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]),
      ...extra,
      breakTheGlass,
    });
    expect(r.status).toBe(status);
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    expect((await call("GET", "/v1/me/access-log", await citizenToken(bsn))).body.items).toEqual([]);
  });
});
