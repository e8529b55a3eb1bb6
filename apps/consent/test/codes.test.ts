import { categoryOf, coveringCategories, ORGANISATION_TYPES, organisationTypesOf, OrganizationTypeCode, PROVIDER_CATEGORIES } from "@regie/shared";
import { describe, expect, it } from "vitest";

describe("organisation types -> provider categories", () => {
  it("maps the codes DOMAIN.md names onto their categories", () => {
    const expected: Record<string, string> = {
      Z3: "huisarts",
      V4: "ziekenhuis",
      V5: "ziekenhuis",
      V6: "ziekenhuis",
      BZ: "ziekenhuis",
      J8: "apotheek",
      A1: "apotheek",
      G5: "ggz",
      G6: "ggz",
      X3: "vvt",
      R5: "vvt",
      L1: "laboratorium",
      H1: "tandarts",
      K9: "jeugdgezondheidszorg",
    };
    for (const [code, category] of Object.entries(expected)) expect(categoryOf(code), code).toBe(category);
  });

  it("maps further Nictiz types (e.g. huisartsenpost, ZBC, thuiszorg, JGZ, verloskundige)", () => {
    expect(categoryOf("N6")).toBe("huisarts");
    expect(categoryOf("Z4")).toBe("ziekenhuis");
    expect(categoryOf("T2")).toBe("vvt");
    expect(categoryOf("JGZ")).toBe("jeugdgezondheidszorg");
    expect(categoryOf("G3")).toBe("overig");
    expect(categoryOf("QQ")).toBeUndefined();
  });

  it("has unique codes, and every category has at least one organisation type", () => {
    expect(new Set(ORGANISATION_TYPES.map((t) => t.code)).size).toBe(ORGANISATION_TYPES.length);
    for (const c of PROVIDER_CATEGORIES) expect(organisationTypesOf(c).length, c).toBeGreaterThan(0);
  });

  it("the schema accepts listed codes and rejects others", () => {
    expect(OrganizationTypeCode.safeParse("DIA").success).toBe(true);
    expect(OrganizationTypeCode.safeParse("z3").success).toBe(false);
  });
});

describe("data categories", () => {
  it("GGC002 covers GGC012 and GGC013, not the reverse", () => {
    expect(coveringCategories("GGC013")).toEqual(["GGC013", "GGC002"]);
    expect(coveringCategories("GGC012")).toEqual(["GGC012", "GGC002"]);
    expect(coveringCategories("GGC002")).toEqual(["GGC002"]);
    expect(coveringCategories("nope")).toEqual([]);
  });
});
