import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { call, categoryChoice, checkBody, citizenToken, citizenWith, freshBsn, provider, providerToken } from "./helpers";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const KEYS = ["huisarts", "ziekenhuis", "apotheek", "umc", "lab"] as const;
const CATEGORIES = ["GGC002", "GGC012", "GGC013"] as const;

function evaluation(bsn: string, holderKey: string, requesterKey: string, dataCategory: string, purpose: "TREAT" | "COC" = "TREAT") {
  const h = provider(holderKey);
  const r = provider(requesterKey);
  return {
    subject: { type: "organization", id: r.ura, properties: { organizationType: r.organizationType } },
    resource: { type: "patient_data", id: bsn, properties: { holder: { ura: h.ura, organizationType: h.organizationType }, dataCategory } },
    action: { name: "share" },
    context: { purpose_of_use: purpose },
  };
}

describe("AuthZEN Authorization API 1.0", () => {
  it("POST /access/v1/evaluation answers the decision with its reason; the holder may ask too; a third party gets 403; all logged", async () => {
    const { bsn, t } = await citizenWith(categoryChoice("huisarts", "ziekenhuis", "GGC002"));
    const asRequester = await call("POST", "/access/v1/evaluation", await providerToken("ziekenhuis"), evaluation(bsn, "huisarts", "ziekenhuis", "GGC013"));
    expect(asRequester.status).toBe(200);
    expect(asRequester.body).toMatchObject({ decision: true, context: { temporary: false } });
    expect(asRequester.body.context.reason_admin.en).toMatch(/permits/);
    const asHolder = await call("POST", "/access/v1/evaluation", await providerToken("huisarts"), evaluation(bsn, "huisarts", "ziekenhuis", "GGC013"));
    expect(asHolder.body).toEqual(asRequester.body);
    expect((await call("POST", "/access/v1/evaluation", await providerToken("apotheek"), evaluation(bsn, "huisarts", "ziekenhuis", "GGC013"))).status).toBe(
      403,
    );
    expect((await call("POST", "/access/v1/evaluation", await providerToken("ziekenhuis"), evaluation(bsn, "huisarts", "umc", "GGC002"))).status).toBe(403);
    const denied = await call("POST", "/access/v1/evaluation", await providerToken("apotheek"), evaluation(bsn, "huisarts", "apotheek", "GGC002"));
    expect(denied.body).toMatchObject({ decision: false, context: { choice_id: null } });
    const log = (await call("GET", "/v1/me/access-log", t)).body.items.filter((e: Any) => e.action === "consent-check");
    expect(log.map((e: Any) => [e.actor.ura, e.onBehalfOf?.ura ?? null])).toEqual([
      [provider("apotheek").ura, null],
      [provider("huisarts").ura, provider("ziekenhuis").ura],
      [provider("ziekenhuis").ura, null],
    ]);
  });

  it("POST /access/v1/evaluations: defaults at the top level, one decision per evaluation in order, and the short-circuit semantics", async () => {
    const bsn = freshBsn();
    await call("POST", "/v1/me/choices", await citizenToken(bsn), {
      holder: { category: "huisarts" },
      requester: { category: "ziekenhuis" },
      dataCategory: "GGC013",
      decision: "permit",
    });
    const { subject, action, context, resource } = evaluation(bsn, "huisarts", "ziekenhuis", "GGC002");
    const token = await providerToken("ziekenhuis");
    const many = (semantic?: string) =>
      call("POST", "/access/v1/evaluations", token, {
        subject,
        action,
        context,
        evaluations: CATEGORIES.map((dc) => ({ resource: { ...resource, properties: { ...resource.properties, dataCategory: dc } } })),
        ...(semantic ? { options: { evaluations_semantic: semantic } } : {}),
      });
    expect((await many()).body.evaluations.map((e: Any) => e.decision)).toEqual([false, false, true]);
    expect((await many("deny_on_first_deny")).body.evaluations.map((e: Any) => e.decision)).toEqual([false]);
    expect((await many("permit_on_first_permit")).body.evaluations.map((e: Any) => e.decision)).toEqual([false, false, true]);
    const incomplete = await call("POST", "/access/v1/evaluations", token, { evaluations: [{ subject, action, context }] });
    expect(incomplete.status).toBe(400);
    expect(incomplete.body.errors[0].path).toBe("/evaluations/0/resource");
  });

  it("answers the same decisions as /v1/consent-check over generated choices (property)", async () => {
    const arbChoice = fc.record({
      holder: fc.oneof(
        fc.constantFrom(...KEYS).map((k) => ({ ura: provider(k).ura })),
        fc.constantFrom("huisarts", "ziekenhuis", "apotheek").map((category) => ({ category })),
      ),
      requester: fc.oneof(
        fc.constantFrom(...KEYS).map((k) => ({ ura: provider(k).ura })),
        fc.constantFrom("huisarts", "ziekenhuis", "apotheek", "laboratorium").map((category) => ({ category })),
      ),
      dataCategory: fc.constantFrom(...CATEGORIES),
      decision: fc.constantFrom("permit", "deny"),
    });
    const arbQuestion = fc
      .record({
        holder: fc.constantFrom(...KEYS),
        requester: fc.constantFrom(...KEYS),
        purpose: fc.constantFrom("TREAT" as const, "COC" as const),
        categories: fc.subarray([...CATEGORIES], { minLength: 1 }),
      })
      .filter((q) => q.holder !== q.requester);
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbChoice, { minLength: 1, maxLength: 6 }),
        fc.array(arbQuestion, { minLength: 1, maxLength: 3 }),
        async (choices, questions) => {
          const bsn = freshBsn();
          const recorded = await call("POST", "/dev/bulk-choices", undefined, { citizens: [{ bsn, choices }] });
          expect(recorded.status, JSON.stringify(recorded.body)).toBe(200);
          for (const q of questions) {
            const token = await providerToken(q.requester);
            const json = await call("POST", "/v1/consent-check", token, checkBody(bsn, q.holder, q.requester, q.categories, q.purpose));
            const az = await call("POST", "/access/v1/evaluations", token, {
              evaluations: q.categories.map((dc) => evaluation(bsn, q.holder, q.requester, dc, q.purpose)),
            });
            expect(az.status, JSON.stringify(az.body)).toBe(200);
            expect(az.body.evaluations.map((e: Any) => [e.decision, e.context.choice_id, e.context.reason_admin.en])).toEqual(
              json.body.decisions.map((d: Any) => [d.decision === "permit", d.choiceId, d.reason]),
            );
          }
        },
      ),
      { numRuns: 15 },
    );
  });
});
