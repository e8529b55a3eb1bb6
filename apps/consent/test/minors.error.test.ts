import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../src/storage/shard";
import { CONFIRMATION_MS, MAX_CODE_ATTEMPTS } from "../src/storage/shard/guardian-confirmation";
import { shardObject } from "../src/storage/shards";
import { call, citizenToken } from "./helpers";
import { choice, decisionFor, family, pendingChildChoice } from "./minors-support";
import { offsetClock, systemClock } from "./shard-seams";

const confirm = async (parent: string, childId: string, choiceId: string, code: string) =>
  call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(parent), { choiceId, code });

describe("minors: the koppelcode's limits", () => {
  it("a wrong code is a 422 that counts; after the last allowed wrong code even the right one is refused (410)", async () => {
    const { parent, child, childId, choiceId, code } = await pendingChildChoice(14);
    for (let i = 1; i <= MAX_CODE_ATTEMPTS; i++) {
      const r = await confirm(parent, childId, choiceId, "WRONGCOD");
      expect(r.status).toBe(422);
      expect(r.body.detail).toContain(i < MAX_CODE_ATTEMPTS ? `${MAX_CODE_ATTEMPTS - i} attempt(s) left` : "no longer works");
    }
    const late = await confirm(parent, childId, choiceId, code);
    expect(late.status).toBe(410);
    expect(late.body.detail).toContain("wrong codes");
    expect(await decisionFor(child)).toBe("deny");
    // every attempt is in the child's log
    const log = (await call("GET", "/v1/me/access-log", await citizenToken(child))).body.items;
    expect(log.filter((e: { outcome: string }) => e.outcome === "rejected: wrong code")).toHaveLength(MAX_CODE_ATTEMPTS);
    // the child records again and gets a new code that works
    const again = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    expect((await confirm(parent, childId, again.body.id, again.body.confirmation.code)).status).toBe(200);
    expect(await decisionFor(child)).toBe("permit");
  });

  it("an expired code is refused (410) and the choice stays pending", async () => {
    const { parent, child, childId, choiceId, code } = await pendingChildChoice(12);
    const stub = shardObject(env, childId);
    await runInDurableObject(stub, (shard: ConsentShard) => {
      shard.seams.clock = offsetClock(CONFIRMATION_MS + 60_000);
    });
    try {
      const r = await confirm(parent, childId, choiceId, code);
      expect(r.status).toBe(410);
      expect(r.body.detail).toContain("expired");
    } finally {
      await runInDurableObject(stub, (shard: ConsentShard) => {
        shard.seams.clock = systemClock;
      });
    }
    expect(await decisionFor(child)).toBe("deny");
  });

  it("under 12 the child cannot record its own choices (403); an unknown choice is 404", async () => {
    const { parent, child, childId } = await family(10);
    const r = await call("POST", "/v1/me/choices", await citizenToken(child), choice);
    expect(r.status).toBe(403);
    expect(r.body.detail).toContain("Under 12");
    expect((await confirm(parent, childId, "00000000-0000-4000-8000-000000000000", "ABCDEFGH")).status).toBe(404);
  });
});
