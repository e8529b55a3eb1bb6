/**
 * Who may ask a closed question (pure). In Mitz the dossierhouder validates consent before it shares, asking on the
 * requester's behalf, and a requester may ask before it fetches: so either party may ask, identified by the URA and
 * organisation type of its token. Anyone else is refused.
 */
export interface OrganisationIdentity {
  ura: string;
  organizationType: string;
}

export type AskingParty = "holder" | "requester";

/** Which party of the question the caller is, or null when it is neither (403). */
export function askingParty(caller: OrganisationIdentity, holder: OrganisationIdentity, requester: OrganisationIdentity): AskingParty | null {
  const is = (o: OrganisationIdentity) => o.ura === caller.ura && o.organizationType === caller.organizationType;
  if (is(requester)) return "requester";
  if (is(holder)) return "holder";
  return null;
}
