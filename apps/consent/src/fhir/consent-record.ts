/**
 * A Consent a provider records the IHE PCF way (ITI-108 create/update), read into the registry's terms (pure): the
 * patient's BSN, the choice (../fhir/consent-input.ts), the professional who entered it (PRCP actor, optional), and
 * the status it asks for. Also the Consent Regie answers with: the choice as a Consent, and for a pending choice (a
 * patient under 16) the one-time confirmation code a parent or guardian needs, in an extension.
 */
import { FHIR_SYSTEMS, type FieldError } from "@regie/shared";
import type { ChoiceInput, ChoiceResult, FhirConsentInput, Professional } from "@regie/shared/contracts/consent";
import type { ProvenanceAgent } from "../storage/shard/provenance";
import { ConsentReader } from "./consent-input";
import { toFhirConsent } from "./consent-resource";

export interface RecordedConsent {
  bsn: string;
  choice: ChoiceInput;
  professional?: Professional;
  status: FhirConsentInput["status"];
}

export type Read<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/**
 * Reads a recorded Consent; `statuses` are the ones the interaction accepts (create: active; update: also inactive,
 * which revokes). `rejected` is refused: in R4 it means a proposal the patient turned down, not a revocation.
 */
export function readRecordedConsent(consent: FhirConsentInput, statuses: readonly FhirConsentInput["status"][], base = ""): Read<RecordedConsent> {
  const r = new ConsentReader(consent, base);
  if (!statuses.includes(consent.status)) {
    r.fail("/status", `Expected status ${statuses.map((s) => `"${s}"`).join(" or ")} here (record: active; revoke: PUT with inactive)`);
  }
  const bsn = r.bsn();
  const choice = r.choice();
  const professional = r.professional();
  r.purposes();
  if (!bsn || !choice || r.errors.length) return { ok: false, errors: r.errors };
  return { ok: true, value: { bsn, choice, status: consent.status, ...(professional ? { professional } : {}) } };
}

/** The Provenance agent of a write: the token's organisation and, when the Consent names one, the professional. */
export function agentOf(auth: { ura: string; organizationType: string; uziRole?: string }, professional: Professional | undefined): ProvenanceAgent {
  return {
    ura: auth.ura,
    organizationType: auth.organizationType,
    ...(professional ? { uziNumber: professional.uziNumber, uziRole: professional.role } : auth.uziRole ? { uziRole: auth.uziRole } : {}),
    ...(professional?.mandatedBy ? { mandatedBy: professional.mandatedBy.uziNumber } : {}),
  };
}

/** The Consent answered for a recorded choice; a pending one carries the guardian's confirmation code (shown once). */
export function recordedConsentResource(c: ChoiceResult, bsn: string) {
  const consent = toFhirConsent(c, bsn);
  if (!c.confirmation) return consent;
  const confirmation = {
    url: FHIR_SYSTEMS.confirmationExtension,
    extension: [
      { url: "code", valueString: c.confirmation.code },
      { url: "expires", valueDateTime: c.confirmation.expiresAt },
    ],
  };
  return { ...consent, extension: [...(consent.extension ?? []), confirmation] };
}
