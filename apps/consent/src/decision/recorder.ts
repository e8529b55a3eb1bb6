/**
 * Who may record or revoke a patient's choice over FHIR (IHE PCF, pure). A provider records on the patient's behalf
 * only a choice it is a party to: named as holder or requester by its URA, or by the category of its organisation
 * type ("huisarts → apotheek" recorded by a GP). Anyone else — a third organisation — is refused, and citizens use
 * their own API (/v1/me/choices). The same rule applies to revoking (PUT status inactive) and to migration.
 */
import type { ChoiceInput, Party } from "@regie/shared/contracts/consent";
import { parseValidUntil } from "../storage/choice-rows";
import { partyMatches, type ConcreteParty } from "./evaluate";

export function isPartyTo(choice: { holder: Party; requester: Party }, caller: ConcreteParty): boolean {
  return partyMatches(choice.holder, caller) || partyMatches(choice.requester, caller);
}

/** Who may read the Provenance of a choice: a party by URA (not by category alone), or the organisation that wrote it. */
export function mayReadProvenance(choice: { holder: Party; requester: Party }, agents: readonly string[], ura: string): boolean {
  const named = (p: Party) => "ura" in p && p.ura === ura;
  return named(choice.holder) || named(choice.requester) || agents.includes(ura);
}

/** Whether an update names the same choice as the one stored: only the status may change (ITI-108 update). */
export function sameChoice(stored: ChoiceInput, asked: ChoiceInput): boolean {
  const side = (p: Party) => ("ura" in p ? `ura:${p.ura}` : `category:${p.category}`);
  return (
    side(stored.holder) === side(asked.holder) &&
    side(stored.requester) === side(asked.requester) &&
    stored.dataCategory === asked.dataCategory &&
    stored.decision === asked.decision &&
    parseValidUntil(stored.validUntil) === parseValidUntil(asked.validUntil)
  );
}
