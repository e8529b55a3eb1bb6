/**
 * The consent decision engine (pure). Rules from DOMAIN.md:
 * 1. no matching choice -> deny (fail closed);
 * 2. the most specific matching choice wins: first by how many sides name an organisation (URA beats category,
 *    holder and requester count alike), then by data-category specificity (GGC013 beats its parent GGC002);
 * 3. at equal specificity deny wins;
 * 4. a choice about a broader data category covers the narrower ones (coveringCategories), never the reverse;
 * 5. purpose TREAT or COC: ordinary choices answer both; a 72-hour temporary (acute) consent answers TREAT only;
 * 6. expired (validUntil <= now), pending and withdrawn choices do not match.
 */
import { coveringCategories } from "@regie/shared";
import type { Decision, Party, Purpose } from "@regie/shared/contracts/consent";

export interface EvaluableChoice {
  id: string;
  holder: Party;
  requester: Party;
  dataCategory: string;
  decision: Decision;
  /** epoch ms, exclusive; null: no end */
  validUntil: number | null;
  status: "active" | "pending" | "withdrawn";
  temporary: boolean;
}

export interface ConcreteParty {
  ura: string;
  /** provider category of the organisation type (categoryOf) */
  category: string;
}

export interface Question {
  holder: ConcreteParty;
  requester: ConcreteParty;
  dataCategory: string;
  purpose: Purpose;
  /** epoch ms */
  now: number;
}

export interface Outcome {
  dataCategory: string;
  decision: Decision;
  reason: string;
  choiceId: string | null;
  temporary: boolean;
}

/** Whether one side of a choice (a URA or a category) names this organisation. */
export function partyMatches(side: Party, party: ConcreteParty): boolean {
  return "ura" in side ? side.ura === party.ura : side.category === party.category;
}

function describe(side: Party): string {
  return "ura" in side ? `organisation ${side.ura}` : `category ${side.category}`;
}

/** Whether a choice counts at all at `now`: active (not pending or withdrawn) and not expired (validUntil is exclusive). */
export function inForce(choice: Pick<EvaluableChoice, "status" | "validUntil">, now: number): boolean {
  return choice.status === "active" && (choice.validUntil === null || choice.validUntil > now);
}

/** Whether a choice applies to a question at all (ignoring specificity). */
export function matches(choice: EvaluableChoice, q: Question, covering: readonly string[] = coveringCategories(q.dataCategory)): boolean {
  if (!inForce(choice, q.now)) return false;
  if (choice.temporary && q.purpose !== "TREAT") return false;
  if (!covering.includes(choice.dataCategory)) return false;
  return partyMatches(choice.holder, q.holder) && partyMatches(choice.requester, q.requester);
}

/** Higher is more specific. Named sides dominate; data-category depth breaks ties between equal sides. */
export function specificity(choice: EvaluableChoice, covering: readonly string[]): number {
  const named = ("ura" in choice.holder ? 1 : 0) + ("ura" in choice.requester ? 1 : 0);
  const depth = covering.length - covering.indexOf(choice.dataCategory); // most specific category -> largest
  return named * 1000 + depth;
}

export function evaluate(choices: Iterable<EvaluableChoice>, q: Question): Outcome {
  const covering = coveringCategories(q.dataCategory);
  if (covering.length === 0) {
    return { dataCategory: q.dataCategory, decision: "deny", reason: "Unknown data category: deny", choiceId: null, temporary: false };
  }
  let best: EvaluableChoice | undefined;
  let bestScore = -1;
  for (const c of choices) {
    if (!matches(c, q, covering)) continue;
    const score = specificity(c, covering);
    if (score > bestScore || (score === bestScore && c.decision === "deny" && best!.decision === "permit")) {
      best = c;
      bestScore = score;
    }
  }
  if (!best) {
    return {
      dataCategory: q.dataCategory,
      decision: "deny",
      reason: "No matching choice: the patient has not given consent for this exchange (fail closed)",
      choiceId: null,
      temporary: false,
    };
  }
  const verb = best.decision === "permit" ? "permits" : "denies";
  const kind = best.temporary ? "temporary (72 h) consent" : "choice";
  return {
    dataCategory: q.dataCategory,
    decision: best.decision,
    reason: `The most specific matching ${kind} (holder ${describe(best.holder)}, requester ${describe(best.requester)}, data category ${best.dataCategory}) ${verb} it`,
    choiceId: best.id,
    temporary: best.temporary,
  };
}
