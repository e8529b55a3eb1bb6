import type { Choice, Party } from "@regie/shared/contracts/consent";
import type { Messages } from "../i18n";

type ChoiceLike = Pick<Choice, "holder" | "requester" | "dataCategory" | "decision" | "validUntil">;

function subject(t: Messages, party: Party): { text: string; single: boolean } {
  if ("ura" in party) return { text: t.choiceSentence.namedOrg(party.ura), single: true };
  return { text: t.categories[party.category]?.plural ?? party.category, single: false };
}

function object(t: Messages, party: Party): string {
  if ("ura" in party) return t.choiceSentence.namedOrgObject(party.ura);
  return t.categories[party.category]?.object ?? party.category;
}

/**
 * A choice in plain words, e.g. "Ziekenhuizen mogen uw medicatiegegevens delen met apotheken."
 * plus "Dit geldt tot 1 januari 2027." when it has an end date. For a guardian acting for a child,
 * "de medicatiegegevens van Noor" instead of "uw medicatiegegevens".
 */
export function describeChoice(t: Messages, choice: ChoiceLike, childName?: string): string {
  const holder = subject(t, choice.holder);
  const category = t.dataCategories[choice.dataCategory];
  const data = childName && category ? t.choiceSentence.dataOf(category.name.toLowerCase(), childName) : (category?.object ?? choice.dataCategory);
  const requester = object(t, choice.requester);
  const s = t.choiceSentence;
  const sentence = choice.decision === "permit"
    ? (holder.single ? s.permitSingle : s.permit)(holder.text, data, requester)
    : (holder.single ? s.denySingle : s.deny)(holder.text, data, requester);
  return choice.validUntil ? `${sentence} ${s.until(t.date(choice.validUntil))}` : sentence;
}
