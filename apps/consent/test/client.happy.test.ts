import { SELF } from "cloudflare:test";
import { ConsentClientError, createConsentClient } from "@regie/shared/clients/consent";
import { describe, expect, it } from "vitest";
import { citizenToken, freshBsn, provider, providerToken } from "./helpers";

describe("the typed consent client (packages/shared/src/clients/consent.ts) over a Fetcher", () => {
  it("records, checks, reads history and verifies the log; errors carry the problem", async () => {
    const bsn = freshBsn();
    const citizen = createConsentClient({ baseUrl: "https://consent.internal", token: await citizenToken(bsn), fetcher: SELF });
    const apotheek = createConsentClient({ baseUrl: "https://consent.internal", token: await providerToken("apotheek"), fetcher: SELF });

    const choice = await citizen.recordChoice({ holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" }, { idempotencyKey: "c-1" });
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

    const err = await apotheek.listChoices().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConsentClientError);
    expect((err as ConsentClientError).status).toBe(403);
    expect((err as ConsentClientError).problem?.type).toMatch(/forbidden/);
  });
});
