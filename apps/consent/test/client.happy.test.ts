import { SELF } from "cloudflare:test";
import { ConsentClientError, createConsentClient } from "@regie/shared/clients/consent";
import { describe, expect, it } from "vitest";
import { citizenToken, freshBsn, provider, providerToken } from "./helpers";

describe("the typed consent client (packages/shared/src/clients/consent.ts) over a Fetcher", () => {
  it("records, checks, reads history and verifies the log; errors carry the problem", async () => {
    const bsn = freshBsn();
    const citizen = createConsentClient({ baseUrl: "https://consent.internal", token: await citizenToken(bsn), fetcher: SELF });
    const apotheek = createConsentClient({ baseUrl: "https://consent.internal", token: await providerToken("apotheek"), fetcher: SELF });

    const choice = await citizen.recordChoice(
      { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" },
      { idempotencyKey: "c-1" },
    );
    expect(choice.status).toBe("active");
    const answer = await apotheek.check({
      patient: { bsn },
      holder: { ura: provider("huisarts").ura, organizationType: "Z3" },
      requester: { ura: provider("apotheek").ura, organizationType: "J8" },
      purpose: "TREAT",
      dataCategories: ["GGC013"],
    });
    expect(answer.decisions[0]).toMatchObject({ decision: "permit", choiceId: choice.id });
    expect((await citizen.listChoices()).items.map((c) => c.id)).toEqual([choice.id]);
    await citizen.withdrawChoice(choice.id);
    expect((await citizen.history()).items).toHaveLength(2);
    expect(await citizen.verifyAccessLog()).toEqual({ valid: true, entries: 3, firstInvalidSeq: null });
    // the access log a page at a time, newest first
    const all = await citizen.accessLog();
    expect(all.items.map((e) => e.action)).toEqual(["choice-withdrawn", "consent-check", "choice-recorded"]);
    expect(all.next).toBeNull();
    const page1 = await citizen.accessLog(undefined, { limit: 2 });
    expect(page1.items.map((e) => e.seq)).toEqual(all.items.slice(0, 2).map((e) => e.seq));
    const page2 = await citizen.accessLog(undefined, { limit: 2, before: page1.next! });
    expect([page2.items.map((e) => e.seq), page2.next]).toEqual([[all.items[2]!.seq], null]);

    const err = await apotheek.listChoices().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsentClientError);
    expect((err as ConsentClientError).status).toBe(403);
    expect((err as ConsentClientError).problem?.type).toMatch(/forbidden/);
  });
});
