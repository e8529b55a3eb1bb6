/**
 * Break-the-glass (pure): a provider declares an emergency in which the patient cannot consent (e.g. unconscious at
 * the emergency department). It is not a consent and not the 72-hour temporary consent (which the patient gives on
 * the spot). DOMAIN.md has no rule that lets an emergency override the citizen's choices (rule 1: no matching choice
 * means deny; rule 3: deny wins), so a declaration never changes a decision: a permit stays a permit (marked), a deny
 * stays a deny (marked, with a reason that says why). What it adds is its own log event (`emergency-access`, BTG),
 * the citizen's notification and an AuditEvent subtype, so the access is visible as such.
 */
import type { CategoryDecision, Purpose } from "@regie/shared/contracts/consent";
import type { AskingParty } from "./asker";

/** Why a declaration is refused (null: allowed): only the requester declares, and only for treatment. */
export function breakTheGlassRefusal(party: AskingParty, purpose: Purpose): { status: 400 | 403; detail: string } | null {
  if (purpose !== "TREAT") return { status: 400, detail: "Break-the-glass is for treatment only: purpose must be TREAT" };
  if (party !== "requester") return { status: 403, detail: "Only the requester (the provider treating the patient) declares an emergency" };
  return null;
}

/** The decision under a declared emergency: the consent rules' decision, marked, and a reason that says what happened. */
export function underBreakTheGlass(d: CategoryDecision): CategoryDecision {
  const note =
    d.decision === "permit"
      ? "Emergency declared (break-the-glass); the permit comes from the patient's choices."
      : "Emergency declared (break-the-glass), but an emergency does not turn a deny into a permit: the patient's choices decide.";
  return { ...d, breakTheGlass: true, reason: `${d.reason} ${note}` };
}
