import { describe, expect, it } from "vitest";
import { call, citizenToken, providerToken } from "./helpers";
import { choice, decisionFor, family } from "./minors-support";

describe("minors", () => {
  it("a 15-year-old's choice stays pending until a guardian confirms it with the code", async () => {
    const { parent, child, childId } = await family(15);
    const rec = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    expect(rec.status).toBe(201);
    expect(rec.body.status).toBe("pending");
    expect(rec.body.confirmation.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await decisionFor(child)).toBe("deny");

    const kids = await call("GET", "/v1/me/children", await citizenToken(parent));
    expect(kids.body.items).toEqual([expect.objectContaining({ childId, age: 15, guardianManages: true, guardianRecords: false, pendingChoices: 1 })]);
    // the parent sees the pending choice (to confirm it) but cannot record one for a child from 12
    const seen = await call("GET", `/v1/me/choices?child=${childId}`, await citizenToken(parent));
    expect(seen.body.items).toEqual([expect.objectContaining({ id: rec.body.id, status: "pending" })]);

    const wrong = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), { choiceId: rec.body.id, code: "WRONGCOD" });
    expect(wrong.status).toBe(422);
    expect(await decisionFor(child)).toBe("deny");

    const ok = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), {
      choiceId: rec.body.id,
      code: rec.body.confirmation.code,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: rec.body.id, version: 2, status: "active" });
    expect(await decisionFor(child)).toBe("permit");

    const history = (await call("GET", "/v1/me/history", await citizenToken(child))).body.items;
    expect(history.map((h: { status: string; change: string }) => [h.status, h.change])).toEqual([
      ["pending", "created"],
      ["active", "confirmed"],
    ]);
    // the code is single-use
    const again = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), {
      choiceId: rec.body.id,
      code: rec.body.confirmation.code,
    });
    expect(again.status).toBe(404);
  });

  it("a 16-year-old's choice counts at once, and a parent can no longer manage it", async () => {
    const { parent, child, childId } = await family(16);
    const rec = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    expect(rec.status).toBe(201);
    expect(rec.body.status).toBe("active");
    expect(rec.body.confirmation).toBeUndefined();
    expect(await decisionFor(child)).toBe("permit");
    expect((await call("GET", `/v1/me/choices?child=${childId}`, await citizenToken(parent))).status).toBe(403);
  });

  it("a guardian manages a child under 12's choices (recorded at once, shown as entered by a guardian)", async () => {
    const { parent, child, childId } = await family(11);
    expect((await call("GET", "/v1/me/children", await citizenToken(parent))).body.items[0]).toMatchObject({
      age: 11,
      guardianManages: true,
      guardianRecords: true,
    });
    const t = await citizenToken(parent);
    const rec = await call("POST", `/v1/me/choices?child=${childId}`, t, choice);
    expect(rec.status).toBe(201);
    expect(rec.body).toMatchObject({ status: "active", recordedBy: { role: "guardian" } });
    expect(await decisionFor(child)).toBe("permit");
    expect((await call("GET", `/v1/me/choices?child=${childId}`, t)).body.items).toHaveLength(1);
    // the parent's own list is separate
    expect((await call("GET", "/v1/me/choices", t)).body.items).toEqual([]);
    const del = await call("DELETE", `/v1/me/choices/${rec.body.id}?child=${childId}`, t);
    expect(del.body.status).toBe("withdrawn");
    expect(await decisionFor(child)).toBe("deny");
  });

  it("a provider recording for a patient under 16 creates a pending choice too", async () => {
    const { child } = await family(12);
    const r = await call("POST", "/v1/provider/choices", await providerToken("huisarts"), { patient: { bsn: child }, choice });
    expect(r.status).toBe(201);
    expect(r.body.status).toBe("pending");
    expect(await decisionFor(child)).toBe("deny");
  });
});
