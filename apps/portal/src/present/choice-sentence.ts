import type { Choice, Party } from "@regie/shared/contracts/consent";
import type { Messages } from "../i18n";

type ChoiceLike = Pick<Choice, "holder" | "requester" | "dataCategory" | "decision" | "validUntil">;

/** Name and place per URA (from the address book); a URA it does not know reads "the care provider with URA number …". */
export type NameLookup = ReadonlyMap<string, { name: string; place: string | null; active: boolean }>;

function named(t: Messages, ura: string, names: NameLookup | undefined): string | undefined {
  const o = names?.get(ura);
  return o ? t.choiceSentence.orgLabel(o.name, o.place, !o.active) : undefined;
}

function subject(t: Messages, party: Party, names?: NameLookup): { text: string; single: boolean } {
  if ("ura" in party) return { text: named(t, party.ura, names) ?? t.choiceSentence.namedOrg(party.ura), single: true };
  return { text: t.categories[party.category]?.plural ?? party.category, single: false };
}

function object(t: Messages, party: Party, names?: NameLookup): string {
  if ("ura" in party) return named(t, party.ura, names) ?? t.choiceSentence.namedOrgObject(party.ura);
  return t.categories[party.category]?.object ?? party.category;
}

/**
 * A choice in plain words, e.g. "Ziekenhuizen mogen uw medicatiegegevens delen met apotheken."
 * plus "Dit geldt tot 1 januari 2027." when it has an end date. For a guardian acting for a child,
 * "de medicatiegegevens van Noor" instead of "uw medicatiegegevens".
 */
export function describeChoice(t: Messages, choice: ChoiceLike, childName?: string, names?: NameLookup): string {
  const holder = subject(t, choice.holder, names);
  const category = t.dataCategories[choice.dataCategory];
  const data = childName && category ? t.choiceSentence.dataOf(category.name.toLowerCase(), childName) : (category?.object ?? choice.dataCategory);
  const requester = object(t, choice.requester, names);
  const s = t.choiceSentence;
  const sentence =
    choice.decision === "permit"
      ? (holder.single ? s.permitSingle : s.permit)(holder.text, data, requester)
      : (holder.single ? s.denySingle : s.deny)(holder.text, data, requester);
  if (!choice.validUntil) return sentence;
  const end = endOfValidity(choice.validUntil);
  return `${sentence} ${end.through ? s.through(t.date(end.through)) : s.until(t.dateTime(choice.validUntil))}`;
}

/**
 * How to say when a choice ends. The consent registry reads a bare date as "through that day" and
 * stores the exclusive end (the next midnight UTC); it answers with that instant. So a bare date, or an
 * instant at midnight UTC, is shown as the last day it counts ("tot en met 30 juni 2027"); any other
 * instant (a 72-hour temporary consent) as a date and time.
 */
export function endOfValidity(validUntil: string): { through?: string } {
  if (/^\d{4}-\d{2}-\d{2}$/.test(validUntil)) return { through: validUntil };
  const ms = Date.parse(validUntil);
  if (Number.isNaN(ms)) return {};
  if (ms % 86_400_000 === 0) return { through: new Date(ms - 86_400_000).toISOString().slice(0, 10) };
  return {};
}
