import { describe, expect, it } from "vitest";
import { call, checkBody, citizenToken, freshBsn, providerToken } from "./helpers";

const REASON = "unconscious patient at the emergency department";
const declared = (bsn: string, dataCategories = ["GGC002"]) => ({
  ...checkBody(bsn, "huisarts", "ziekenhuis", dataCategories),
  breakTheGlass: { reason: REASON },
});

describe("break-the-glass: emergency access without consent is its own logged event", () => {
  it("never turns a deny into a permit; is logged as emergency-access, shown to the citizen, and the chain verifies", async () => {
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    const r = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), declared(bsn));
    expect(r.status).toBe(200);
    expect(r.body.decisions).toEqual([expect.objectContaining({ dataCategory: "GGC002", decision: "deny", breakTheGlass: true, temporary: false })]);
    expect(r.body.decisions[0].reason).toContain("does not turn a deny into a permit");

    const log = (await call("GET", "/v1/me/access-log", t)).body.items;
    expect(log[0]).toMatchObject({
      action: "emergency-access",
      outcome: "deny",
      breakTheGlass: true,
      emergencyReason: REASON,
      emergency: false,
      temporaryConsent: false,
      purpose: "TREAT",
    });
    const notes = (await call("GET", "/v1/me/notifications", t)).body.items;
    expect(notes[0]).toMatchObject({ kind: "emergency-access" });
    expect(notes[0].message).toContain(REASON);
    expect((await call("GET", "/v1/me/access-log/verify", t)).body).toEqual({ valid: true, entries: 1, firstInvalidSeq: null });
  });

  it("with the patient's consent the permit stands, marked; the 72-hour temporary consent keeps its own flag", async () => {
    const bsn = freshBsn();
    const t = await citizenToken(bsn);
    const temp = await call("POST", "/v1/temporary-consent", await providerToken("ziekenhuis"), {
      patient: { bsn },
      holder: { category: "huisarts" },
      dataCategories: ["GGC002"],
      reason: "patient agrees on the spot",
    });
    expect(temp.status).toBe(201);
    const r = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), declared(bsn));
    expect(r.body.decisions[0]).toMatchObject({ decision: "permit", temporary: true, breakTheGlass: true });

    const [btg, recorded] = (await call("GET", "/v1/me/access-log", t)).body.items;
    expect(btg).toMatchObject({ action: "emergency-access", outcome: "permit", breakTheGlass: true, temporaryConsent: true, emergency: true });
    // the temporary consent is a consent the patient gave, not an emergency access
    expect(recorded).toMatchObject({ action: "temporary-consent", breakTheGlass: false, temporaryConsent: true, emergency: true, emergencyReason: null });
    // an ordinary question is not marked
    const plain = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]));
    expect(plain.body.decisions[0].breakTheGlass).toBeUndefined();
    expect((await call("GET", "/v1/me/access-log/verify", t)).body.valid).toBe(true);
  });
});
