import { describe, expect, it } from "vitest";
import { birthDateForAge, call, checkBody, citizenToken, freshBsn, providerToken, registerPerson } from "./helpers";

const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };

async function family(childAge: number) {
  const parent = freshBsn();
  const child = freshBsn();
  await registerPerson(parent, birthDateForAge(42));
  const childId = await registerPerson(child, birthDateForAge(childAge), [parent]);
  return { parent, child, childId };
}

const decisionFor = async (bsn: string) =>
  (await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC002"]))).body.decisions[0].decision;

describe("minors", () => {
  it("a 15-year-old's choice stays pending until a guardian confirms it with the code", async () => {
    const { parent, child, childId } = await family(15);
    const rec = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    expect(rec.status).toBe(201);
    expect(rec.body.status).toBe("pending");
    expect(rec.body.confirmation.code).toMatch(/^[A-Z2-9]{8}$/);
    expect(await decisionFor(child)).toBe("deny");

    const kids = await call("GET", "/v1/me/children", await citizenToken(parent));
    expect(kids.body.items).toEqual([expect.objectContaining({ childId, age: 15, guardianManages: true, pendingChoices: 1 })]);

    const wrong = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), { choiceId: rec.body.id, code: "WRONGCOD" });
    expect(wrong.status).toBe(422);
    expect(await decisionFor(child)).toBe("deny");

    const ok = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), { choiceId: rec.body.id, code: rec.body.confirmation.code });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ id: rec.body.id, version: 2, status: "active" });
    expect(await decisionFor(child)).toBe("permit");

    const history = (await call("GET", "/v1/me/history", await citizenToken(child))).body.items;
    expect(history.map((h: { status: string; change: string }) => [h.status, h.change])).toEqual([["pending", "created"], ["active", "confirmed"]]);
    // the code is single-use
    const again = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), { choiceId: rec.body.id, code: rec.body.confirmation.code });
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

  it("a guardian manages a young child's choices (recorded at once, shown as entered by a guardian)", async () => {
    const { parent, child, childId } = await family(9);
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

  it("someone who is not the guardian cannot confirm", async () => {
    const { child, childId } = await family(14);
    const rec = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    const stranger = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(freshBsn()), { choiceId: rec.body.id, code: rec.body.confirmation.code });
    expect(stranger.status).toBe(403);
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
