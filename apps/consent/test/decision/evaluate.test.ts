import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evaluate, matches, type EvaluableChoice, type Question } from "../../src/decision/evaluate";
import { arbChoice as arbChoiceAt, choice } from "./arbitraries";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const HUISARTS = { ura: "00001001", category: "huisarts" };
const APOTHEEK = { ura: "00003003", category: "apotheek" };
const OTHER_APOTHEEK = { ura: "00003999", category: "apotheek" };

function q(over: Partial<Question> = {}): Question {
  return { holder: HUISARTS, requester: APOTHEEK, dataCategory: "GGC002", purpose: "TREAT", now: NOW, ...over };
}

describe("decision engine: fail closed", () => {
  it("denies with a reason and no deciding choice when nothing matches", () => {
    const out = evaluate([], q());
    expect(out).toMatchObject({ decision: "deny", choiceId: null, temporary: false });
    expect(out.reason).toMatch(/no matching choice/i);
  });

  it("denies when the only choice is about another requester, holder or data category", () => {
    const choices = [
      choice({ requester: { category: "ziekenhuis" } }),
      choice({ holder: { category: "ggz" } }),
      choice({ requester: { ura: "11111111" } }),
      choice({ holder: { ura: "22222222" } }),
      choice({ dataCategory: "GGC012" }),
    ];
    expect(evaluate(choices, q()).decision).toBe("deny");
    expect(evaluate(choices, q()).choiceId).toBeNull();
  });

  it("denies an unknown data category", () => {
    expect(evaluate([choice({})], q({ dataCategory: "XYZ" })).decision).toBe("deny");
  });
});

describe("decision engine: matching", () => {
  it("a category permit permits", () => {
    const c = choice({});
    expect(evaluate([c], q())).toMatchObject({ decision: "permit", choiceId: c.id });
  });

  it("pending and withdrawn choices do not match", () => {
    expect(evaluate([choice({ status: "pending" })], q()).decision).toBe("deny");
    expect(evaluate([choice({ status: "withdrawn" })], q()).decision).toBe("deny");
  });

  it("an expired choice does not match; one ending later does; the end is exclusive", () => {
    expect(evaluate([choice({ validUntil: NOW - 1 })], q()).decision).toBe("deny");
    expect(evaluate([choice({ validUntil: NOW })], q()).decision).toBe("deny");
    expect(evaluate([choice({ validUntil: NOW + 1 })], q()).decision).toBe("permit");
  });

  it("an expired deny no longer overrides a permit", () => {
    const permit = choice({});
    const deny = choice({ decision: "deny", requester: { ura: APOTHEEK.ura }, validUntil: NOW - 1000 });
    expect(evaluate([permit, deny], q())).toMatchObject({ decision: "permit", choiceId: permit.id });
  });
});

describe("decision engine: data categories", () => {
  it("a GGC002 permit answers GGC012 and GGC013", () => {
    const c = choice({ dataCategory: "GGC002" });
    expect(evaluate([c], q({ dataCategory: "GGC013" }))).toMatchObject({ decision: "permit", choiceId: c.id });
    expect(evaluate([c], q({ dataCategory: "GGC012" }))).toMatchObject({ decision: "permit", choiceId: c.id });
  });

  it("a GGC013 permit does not answer GGC002 or GGC012", () => {
    const c = choice({ dataCategory: "GGC013" });
    expect(evaluate([c], q({ dataCategory: "GGC002" })).decision).toBe("deny");
    expect(evaluate([c], q({ dataCategory: "GGC012" })).decision).toBe("deny");
    expect(evaluate([c], q({ dataCategory: "GGC013" })).decision).toBe("permit");
  });

  it("a specific data category beats a broader one at equal party specificity", () => {
    const broadDeny = choice({ dataCategory: "GGC002", decision: "deny" });
    const narrowPermit = choice({ dataCategory: "GGC013", decision: "permit" });
    expect(evaluate([broadDeny, narrowPermit], q({ dataCategory: "GGC013" }))).toMatchObject({ decision: "permit", choiceId: narrowPermit.id });
    expect(evaluate([broadDeny, narrowPermit], q({ dataCategory: "GGC012" }))).toMatchObject({ decision: "deny", choiceId: broadDeny.id });
  });
});

describe("decision engine: most specific wins, deny wins ties", () => {
  it("a named requester deny beats a category permit, only for that requester", () => {
    const permit = choice({});
    const deny = choice({ requester: { ura: APOTHEEK.ura }, decision: "deny" });
    expect(evaluate([permit, deny], q())).toMatchObject({ decision: "deny", choiceId: deny.id });
    expect(evaluate([permit, deny], q({ requester: OTHER_APOTHEEK }))).toMatchObject({ decision: "permit", choiceId: permit.id });
  });

  it("a named holder beats a category holder", () => {
    const deny = choice({ decision: "deny" });
    const permit = choice({ holder: { ura: HUISARTS.ura } });
    expect(evaluate([deny, permit], q())).toMatchObject({ decision: "permit", choiceId: permit.id });
    expect(evaluate([deny, permit], q({ holder: { ura: "00001999", category: "huisarts" } })).decision).toBe("deny");
  });

  it("two named sides beat one", () => {
    const oneNamed = choice({ requester: { ura: APOTHEEK.ura }, decision: "deny" });
    const twoNamed = choice({ requester: { ura: APOTHEEK.ura }, holder: { ura: HUISARTS.ura }, decision: "permit" });
    expect(evaluate([oneNamed, twoNamed], q())).toMatchObject({ decision: "permit", choiceId: twoNamed.id });
  });

  it("party specificity outranks data-category specificity", () => {
    const namedBroadDeny = choice({ requester: { ura: APOTHEEK.ura }, dataCategory: "GGC002", decision: "deny" });
    const categoryNarrowPermit = choice({ dataCategory: "GGC013" });
    expect(evaluate([namedBroadDeny, categoryNarrowPermit], q({ dataCategory: "GGC013" })).decision).toBe("deny");
  });

  it("at equal specificity deny wins, in either order", () => {
    const permit = choice({});
    const deny = choice({ decision: "deny" });
    expect(evaluate([permit, deny], q())).toMatchObject({ decision: "deny", choiceId: deny.id });
    expect(evaluate([deny, permit], q())).toMatchObject({ decision: "deny", choiceId: deny.id });
  });
});

describe("decision engine: purpose and temporary consent", () => {
  it("ordinary choices answer TREAT and COC", () => {
    const c = choice({});
    expect(evaluate([c], q({ purpose: "TREAT" })).decision).toBe("permit");
    expect(evaluate([c], q({ purpose: "COC" })).decision).toBe("permit");
  });

  it("a temporary consent permits for TREAT, is flagged, and does not answer COC", () => {
    const t = choice({ requester: { ura: APOTHEEK.ura }, temporary: true, validUntil: NOW + 72 * 3600_000 });
    expect(evaluate([t], q())).toMatchObject({ decision: "permit", temporary: true, choiceId: t.id });
    expect(evaluate([t], q()).reason).toMatch(/temporary/);
    expect(evaluate([t], q({ purpose: "COC" })).decision).toBe("deny");
    expect(evaluate([t], q({ now: NOW + 72 * 3600_000 })).decision).toBe("deny");
  });
});

describe("decision engine: properties", () => {
  const arbChoice = arbChoiceAt(NOW);
  const arbQuestion = fc.record({
    holder: fc.constantFrom(HUISARTS, { ura: "00001999", category: "huisarts" }),
    requester: fc.constantFrom(APOTHEEK, OTHER_APOTHEEK),
    dataCategory: fc.constantFrom("GGC002", "GGC012", "GGC013"),
    purpose: fc.constantFrom("TREAT" as const, "COC" as const),
    now: fc.constant(NOW),
  });

  it("permits only through a matching active permit, and the deciding choice always matches", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 8 }), arbQuestion, (choices, question) => {
        const out = evaluate(choices, question);
        if (out.choiceId === null) return out.decision === "deny" && !choices.some((c) => matches(c, question));
        const decider = choices.find((c) => c.id === out.choiceId)!;
        return matches(decider, question) && decider.decision === out.decision;
      }),
    );
  });

  it("does not depend on the order of the choices", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 8 }), arbQuestion, (choices, question) => {
        return evaluate(choices, question).decision === evaluate([...choices].reverse(), question).decision;
      }),
    );
  });

  it("adding a matching deny at least as specific as everything never turns a deny into a permit", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 8 }), arbQuestion, (choices, question) => {
        const deny: EvaluableChoice = {
          id: "extra-deny",
          holder: { ura: question.holder.ura },
          requester: { ura: question.requester.ura },
          dataCategory: question.dataCategory,
          decision: "deny",
          validUntil: null,
          status: "active",
          temporary: false,
        };
        return evaluate([...choices, deny], question).decision === "deny";
      }),
    );
  });
});
