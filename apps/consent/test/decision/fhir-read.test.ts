import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { EvaluableChoice } from "../../src/decision/evaluate";
import { mayReadConsents } from "../../src/decision/fhir-read";
import { arbChoice as arbChoiceAt, choice, arbParty } from "./arbitraries";

const NOW = Date.parse("2026-06-01T12:00:00Z");
const PHARMACY = { ura: "00003003", category: "apotheek" };

describe("FHIR read rule: who may read a patient's consent resources", () => {
  it("a permit in force naming the provider as requester, by URA or by category, lets it read", () => {
    expect(mayReadConsents([choice({})], PHARMACY, NOW)).toBe(true);
    expect(mayReadConsents([choice({ requester: { ura: PHARMACY.ura } })], PHARMACY, NOW)).toBe(true);
    expect(mayReadConsents([choice({ requester: { ura: PHARMACY.ura }, temporary: true, validUntil: NOW + 1 })], PHARMACY, NOW)).toBe(true);
  });

  it("no choices, a deny, another requester, a pending, withdrawn or expired permit: refused", () => {
    expect(mayReadConsents([], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ decision: "deny" })], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ requester: { category: "laboratorium" } })], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ requester: { ura: "00003999" } })], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ status: "pending" })], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ status: "withdrawn" })], PHARMACY, NOW)).toBe(false);
    expect(mayReadConsents([choice({ validUntil: NOW })], PHARMACY, NOW)).toBe(false); // validUntil is exclusive
    expect(mayReadConsents([choice({ validUntil: NOW + 1 })], PHARMACY, NOW)).toBe(true);
  });

  it("holder and data category do not matter", () => {
    expect(mayReadConsents([choice({ holder: { ura: "00002002" }, dataCategory: "GGC013" })], PHARMACY, NOW)).toBe(true);
    expect(mayReadConsents([choice({ holder: { category: "ggz" }, dataCategory: "GGC012" })], PHARMACY, NOW)).toBe(true);
  });
});

describe("FHIR read rule: properties", () => {
  const arbChoice = arbChoiceAt(NOW);
  const arbProvider = fc.record({ ura: fc.constantFrom("00003003", "00003999", "00001001"), category: fc.constantFrom("apotheek", "huisarts", "overig") });
  const names = (side: EvaluableChoice["requester"], p: { ura: string; category: string }) =>
    "ura" in side ? side.ura === p.ura : side.category === p.category;

  it("a provider without any permit matching its URA or category is always refused", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 10 }), arbProvider, (choices, provider) => {
        const others = choices.filter((c) => !(c.decision === "permit" && names(c.requester, provider)));
        return mayReadConsents(others, provider, NOW) === false;
      }),
    );
  });

  it("reads exactly when some permit naming the provider is active and unexpired, whatever the other choices", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 10 }), arbProvider, (choices, provider) => {
        const expected = choices.some(
          (c) => c.decision === "permit" && c.status === "active" && (c.validUntil === null || c.validUntil > NOW) && names(c.requester, provider),
        );
        return mayReadConsents(choices, provider, NOW) === expected;
      }),
    );
  });

  it("adding a permit in force for the provider always lets it read; adding a deny never does", () => {
    fc.assert(
      fc.property(fc.array(arbChoice, { maxLength: 10 }), arbProvider, arbParty, (choices, provider, holder) => {
        const permit = choice({ holder, requester: { ura: provider.ura } });
        const deny = choice({ holder, requester: { ura: provider.ura }, decision: "deny" });
        return (
          mayReadConsents([...choices, permit], provider, NOW) && mayReadConsents([...choices, deny], provider, NOW) === mayReadConsents(choices, provider, NOW)
        );
      }),
    );
  });
});
