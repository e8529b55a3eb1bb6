import { describe, expect, it } from "vitest";
import { messages } from "../../src/i18n";
import { describeLogEntry } from "../../src/present/access-log";
import { describeChoice, endOfValidity } from "../../src/present/choice-sentence";
import { excerpt, highlight, pickLang, queryTerms } from "../../src/present/text";

const nl = messages("nl");
const en = messages("en");

/** A hospital may share medication data with pharmacies, without an end date. */
const hospitalToPharmacy = {
  holder: { category: "ziekenhuis" as const },
  requester: { category: "apotheek" as const },
  dataCategory: "GGC013",
  decision: "permit" as const,
  validUntil: null,
};

describe("a choice in plain words", () => {
  const base = hospitalToPharmacy;

  it("says who may share what with whom, in Dutch and English", () => {
    expect(describeChoice(nl, base)).toBe("Ziekenhuizen mogen uw medicatiegegevens delen met apotheken.");
    expect(describeChoice(en, base)).toBe("Hospitals may share your medication data with pharmacies.");
  });

  it("names the child when a guardian acts for one", () => {
    expect(describeChoice(nl, base, "Noor")).toBe("Ziekenhuizen mogen de medicatiegegevens van Noor delen met apotheken.");
    expect(describeChoice(en, base, "Noor")).toBe("Hospitals may share Noor's medication data with pharmacies.");
  });

  it("says 'niet' for a deny, names a single organisation by URA, and adds the end date", () => {
    expect(describeChoice(nl, { ...base, decision: "deny" })).toBe("Ziekenhuizen mogen uw medicatiegegevens niet delen met apotheken.");
    expect(
      describeChoice(nl, { ...base, holder: { ura: "00002002" }, requester: { category: "huisarts" }, dataCategory: "GGC002", validUntil: "2027-01-01" }),
    ).toBe("De zorgaanbieder met URA-nummer 00002002 mag uw behandelgegevens delen met huisartsen. Dit geldt tot en met 1 januari 2027.");
  });
});

describe("when a choice ends", () => {
  it("shows the last day it counts: a bare date, or the day before an exclusive midnight-UTC end", () => {
    expect(endOfValidity("2027-06-30")).toEqual({ through: "2027-06-30" });
    expect(endOfValidity("2027-07-01T00:00:00.000Z")).toEqual({ through: "2027-06-30" });
    expect(endOfValidity("2026-11-26T14:05:00.000Z")).toEqual({});
  });

  it("says so in the sentence, and a temporary consent with its time", () => {
    const base = { ...hospitalToPharmacy, holder: { category: "huisarts" as const } };
    expect(describeChoice(nl, { ...base, validUntil: "2027-07-01T00:00:00.000Z" })).toBe(
      "Huisartsen mogen uw medicatiegegevens delen met apotheken. Dit geldt tot en met 30 juni 2027.",
    );
    expect(describeChoice(nl, { ...base, validUntil: "2026-11-26T14:05:00.000Z" })).toBe(
      "Huisartsen mogen uw medicatiegegevens delen met apotheken. Dit geldt tot 26 november 2026 om 15:05.",
    );
  });
});

describe("search text helpers", () => {
  it("picks the reader's language, then Dutch, English, untagged", () => {
    expect(pickLang({ en: "Cancer", nl: "Kanker" }, "en")).toBe("Cancer");
    expect(pickLang({ en: "Cancer" }, "nl")).toBe("Cancer");
    expect(pickLang({ "@none": "X" }, "nl")).toBe("X");
    expect(pickLang(undefined, "nl")).toBe("");
  });

  it("turns a query into terms without operators or one-letter words", () => {
    expect(queryTerms('kanker AND "long*" a (regio)')).toEqual(["kanker", "long", "regio"]);
    expect(queryTerms(undefined)).toEqual([]);
  });

  it("marks words that start with a term, case-insensitive, keeping all text", () => {
    const segs = highlight("Kankerregistratie en longkanker", ["kanker"]);
    expect(segs).toEqual([
      { text: "Kankerregistratie", mark: true },
      { text: " en longkanker", mark: false },
    ]);
    expect(segs.map((s) => s.text).join("")).toBe("Kankerregistratie en longkanker");
    // terms are literal text, not patterns
    expect(highlight("axb a.b", ["a.b"])).toEqual([
      { text: "axb ", mark: false },
      { text: "a.b", mark: true },
    ]);
  });

  it("cuts a long text around the first hit", () => {
    const text = `${"woord ".repeat(100)}kanker ${"einde ".repeat(100)}`;
    const out = excerpt(text, ["kanker"], 120);
    expect(out).toContain("kanker");
    expect(out.startsWith("… ")).toBe(true);
    expect(out.endsWith(" …")).toBe(true);
    expect(out.length).toBeLessThan(130);
    expect(excerpt("kort", ["x"])).toBe("kort");
  });
});

describe("the access log in plain words", () => {
  it("names the organisation, the data, the purpose and the answer", () => {
    const entry = {
      seq: 1,
      eventId: "e",
      action: "consent-check" as const,
      at: "2026-11-20T09:30:00Z",
      outcome: "deny",
      actor: { role: "provider", ura: "00002002", organizationType: "V6", uziRole: null, name: null },
      holderUra: null,
      purpose: "TREAT",
      dataCategories: ["GGC002", "GGC013"],
      emergency: false,
      hash: "h",
      prevHash: "p",
    };
    expect(describeLogEntry(nl, entry)).toEqual({
      who: "Algemeen ziekenhuis (URA 00002002)",
      what: "Vroeg of gegevens gedeeld mogen worden over behandelgegevens, medicatiegegevens (voor behandeling)",
      outcome: "Geweigerd",
    });
    const own = {
      ...entry,
      action: "choice-recorded" as const,
      outcome: "active",
      actor: { role: "citizen", ura: null, organizationType: null, uziRole: null },
      purpose: null,
      dataCategories: ["GGC012"],
    };
    expect(describeLogEntry(nl, own)).toEqual({ who: "U zelf", what: "Keuze vastgelegd over uitslagen", outcome: "Geldt" });
    expect(describeLogEntry(en, { ...entry, action: "locate" as const, outcome: "2 source(s)" }).outcome).toBe("2 sources found");
  });
});

describe("messages", () => {
  function shape(value: unknown): unknown {
    if (typeof value === "function") return "fn";
    if (typeof value === "object" && value)
      return Object.fromEntries(
        Object.keys(value)
          .sort()
          .map((k) => [k, shape((value as Record<string, unknown>)[k])]),
      );
    return typeof value;
  }
  it("English has exactly the same keys as Dutch", () => {
    expect(shape(en)).toEqual(shape(nl));
  });
});
