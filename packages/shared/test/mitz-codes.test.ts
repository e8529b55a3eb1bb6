import { describe, expect, it } from "vitest";
import {
  categoriesOfRequesterCategory,
  dataCategoryCoding,
  FHIR_SYSTEMS,
  organisationTypeCoding,
  PROVIDER_CATEGORIES,
  REQUESTER_CATEGORIES,
  requesterCategoryConcept,
  requesterCategoryOf,
  uziRoleCoding,
} from "../src/index";

describe("Mitz code systems", () => {
  it("every Regie provider category has exactly one Mitz requester category, and maps back into it", () => {
    for (const category of PROVIDER_CATEGORIES) {
      const r = requesterCategoryOf(category);
      expect(
        REQUESTER_CATEGORIES.filter((c) => (c.categories as readonly string[]).includes(category)),
        category,
      ).toHaveLength(1);
      expect(categoriesOfRequesterCategory(r.code)).toContain(category);
    }
  });

  it("uses the codes of the Mitz notification (RPZAC001 huisartsen, RPZAC005 apotheken, RPZAC104 ziekenhuizen and laboratoria)", () => {
    expect(requesterCategoryOf("huisarts").code).toBe("RPZAC001");
    expect(requesterCategoryOf("apotheek")).toEqual({ code: "RPZAC005", display: "Apotheken" });
    expect(requesterCategoryOf("laboratorium").code).toBe("RPZAC104");
    expect(categoriesOfRequesterCategory("RPZAC104")).toEqual(["ziekenhuis", "laboratorium"]);
    expect(categoriesOfRequesterCategory("RPZAC999")).toBeUndefined();
    expect(requesterCategoryConcept("ggz").coding.map((c) => c.system)).toEqual([FHIR_SYSTEMS.requesterCategory, FHIR_SYSTEMS.providerCategory]);
  });

  it("codes data categories, organisation types and UZI roles in the national systems, with a display where known", () => {
    expect(dataCategoryCoding("GGC002")).toEqual({ system: "http://fhir.nl/otv/CodeSystem/gegevenscategorie", code: "GGC002", display: "Behandelgegevens" });
    expect(organisationTypeCoding("Z3")).toMatchObject({ system: "http://nictiz.nl/fhir/NamingSystem/organization-type", code: "Z3" });
    expect(uziRoleCoding("01.015")).toEqual({ system: "urn:oid:2.16.840.1.113883.2.4.15.111", code: "01.015", display: "Huisarts" });
    expect(uziRoleCoding("01.099")).toEqual({ system: "urn:oid:2.16.840.1.113883.2.4.15.111", code: "01.099" });
  });
});
