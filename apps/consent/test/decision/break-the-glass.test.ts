import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { breakTheGlassRefusal, underBreakTheGlass } from "../../src/decision/break-the-glass";

describe("break-the-glass rules (pure)", () => {
  it("a declaration never changes the decision, only marks it", () => {
    fc.assert(
      fc.property(fc.constantFrom("permit", "deny") as fc.Arbitrary<"permit" | "deny">, fc.boolean(), fc.string(), (decision, temporary, reason) => {
        const d = { dataCategory: "GGC002", decision, reason, choiceId: null, temporary };
        const out = underBreakTheGlass(d);
        expect(out.decision).toBe(decision);
        expect(out.temporary).toBe(temporary);
        expect(out.breakTheGlass).toBe(true);
        expect(out.reason.startsWith(reason)).toBe(true);
      }),
    );
  });

  it("only the requester declares, only for TREAT", () => {
    expect(breakTheGlassRefusal("requester", "TREAT")).toBeNull();
    expect(breakTheGlassRefusal("holder", "TREAT")?.status).toBe(403);
    expect(breakTheGlassRefusal("requester", "COC")?.status).toBe(400);
  });
});
