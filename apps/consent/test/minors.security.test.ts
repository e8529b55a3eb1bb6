import { describe, expect, it } from "vitest";
import { call, citizenToken, freshBsn } from "./helpers";
import { choice, decisionFor, family, pendingChildChoice } from "./minors-support";

describe("minors: who may confirm and record", () => {
  it("someone who is not the child's parent cannot confirm, even with the right code", async () => {
    const { child, childId, choiceId, code } = await pendingChildChoice(14);
    const stranger = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(freshBsn()), { choiceId, code });
    expect(stranger.status).toBe(403);
    // the parent of another child neither
    const other = await family(8);
    const otherParent = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(other.parent), { choiceId, code });
    expect(otherParent.status).toBe(403);
    // nor the child itself
    expect((await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(child), { choiceId, code })).status).toBe(403);
    expect(await decisionFor(child)).toBe("deny");
  });

  it("from 12 to 16 a parent cannot record, change or withdraw for the child with ?child= (the child records)", async () => {
    const { parent, child, childId, choiceId } = await pendingChildChoice(15);
    const t = await citizenToken(parent);
    expect((await call("POST", `/v1/me/choices?child=${childId}`, t, choice)).status).toBe(403);
    expect((await call("PUT", `/v1/me/choices/${choiceId}?child=${childId}`, t, choice)).status).toBe(403);
    expect((await call("DELETE", `/v1/me/choices/${choiceId}?child=${childId}`, t)).status).toBe(403);
    expect((await call("GET", "/v1/me/choices", await citizenToken(child))).body.items).toEqual([expect.objectContaining({ id: choiceId, status: "pending" })]);
  });
});
