/**
 * Who may read a patient's consent resources (GET /fhir/Consent) as a care provider (pure). The rule:
 *
 *   a provider may read when at least one of the patient's choices is a permit that is in force now (active, not
 *   pending or withdrawn, not expired) and names the provider as requester — by its URA, or by the category of its
 *   organisation type. Temporary (72-hour) consents count: they are permits naming the provider by URA.
 *
 * Holder and data category deliberately do not matter. What is read is the patient's directives themselves, not
 * health data held by someone: an organisation the patient has permitted to receive any data from any holder is a
 * party to those directives and needs them to know whom it may ask for what. Purpose does not apply either (no
 * exchange is asked for). A deny never grants; a deny does not take a permit's effect away here, because the read
 * is not an exchange the engine decides (docs/consent.md, "Reading consent resources over FHIR").
 */
import type { ConcreteParty, EvaluableChoice } from "./evaluate";
import { inForce, partyMatches } from "./evaluate";

export function mayReadConsents(choices: Iterable<EvaluableChoice>, provider: ConcreteParty, now: number): boolean {
  for (const c of choices) {
    if (c.decision === "permit" && inForce(c, now) && partyMatches(c.requester, provider)) return true;
  }
  return false;
}
