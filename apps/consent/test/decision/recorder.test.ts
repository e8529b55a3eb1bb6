import { describe, expect, it } from "vitest";
import { isPartyTo, mayReadProvenance, sameChoice } from "../../src/decision/recorder";

const gp = { ura: "00001001", category: "huisarts" };
const choice = {
  holder: { ura: "00001001" },
  requester: { category: "apotheek" as const },
  dataCategory: "GGC002",
  decision: "permit" as const,
  validUntil: null,
};

describe("who may record a choice over FHIR (pure)", () => {
  it("a party by URA or by its category may; a third organisation may not", () => {
    expect(isPartyTo(choice, gp)).toBe(true);
    expect(isPartyTo(choice, { ura: "00003003", category: "apotheek" })).toBe(true);
    expect(isPartyTo(choice, { ura: "00005005", category: "laboratorium" })).toBe(false);
    expect(isPartyTo({ ...choice, holder: { ura: "00002002" } }, gp)).toBe(false);
  });

  it("Provenance: a party by URA or the writer; a category alone is not enough", () => {
    expect(mayReadProvenance(choice, [], "00001001")).toBe(true);
    expect(mayReadProvenance(choice, [], "00003003")).toBe(false);
    expect(mayReadProvenance(choice, ["00003003"], "00003003")).toBe(true);
  });

  it("an update may change only the status: parties, category, decision and end are compared (a bare date is its next midnight)", () => {
    expect(sameChoice(choice, { ...choice })).toBe(true);
    expect(sameChoice({ ...choice, validUntil: "2030-01-02T00:00:00.000Z" }, { ...choice, validUntil: "2030-01-01" })).toBe(true);
    expect(sameChoice(choice, { ...choice, decision: "deny" })).toBe(false);
    expect(sameChoice(choice, { ...choice, dataCategory: "GGC013" })).toBe(false);
    expect(sameChoice(choice, { ...choice, requester: { ura: "00003003" } })).toBe(false);
    expect(sameChoice(choice, { ...choice, validUntil: "2030-01-01" })).toBe(false);
  });
});
