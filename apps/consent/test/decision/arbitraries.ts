/** What the decision tests share: one plain choice to vary, and fast-check arbitraries of parties and choices around a fixed `now`. */
import fc from "fast-check";
import type { EvaluableChoice } from "../../src/decision/evaluate";
import { permitInForce } from "../helpers";

export const arbParty = fc.oneof(
  fc.constantFrom("huisarts", "apotheek", "ziekenhuis").map((category) => ({ category }) as EvaluableChoice["holder"]),
  fc.constantFrom("00001001", "00003003", "00003999").map((ura) => ({ ura })),
);

/** Any choice: either decision, any status, no end or one within 10 s of `now`, temporary or not. */
export function arbChoice(now: number) {
  return fc.record({
    id: fc.uuid(),
    holder: arbParty,
    requester: arbParty,
    dataCategory: fc.constantFrom("GGC002", "GGC012", "GGC013"),
    decision: fc.constantFrom("permit" as const, "deny" as const),
    validUntil: fc.option(fc.integer({ min: now - 10_000, max: now + 10_000 }), { nil: null }),
    status: fc.constantFrom("active" as const, "pending" as const, "withdrawn" as const),
    temporary: fc.boolean(),
  });
}

let n = 0;
/** A permit of the huisarts to the apotheek for GGC002, active, open-ended, not temporary; `over` changes any of it. */
export function choice(over: Partial<EvaluableChoice> = {}): EvaluableChoice {
  return { id: `c${++n}`, ...permitInForce("huisarts", "apotheek", "GGC002"), ...over };
}
