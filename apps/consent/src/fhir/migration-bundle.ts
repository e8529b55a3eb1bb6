/**
 * Planning a migration (pure): a provider's transaction Bundle of Consent + Provenance entries, checked entry by entry
 * and grouped by patient. A patient's choices import all or nothing, so an invalid entry fails its patient's entries;
 * an entry whose patient cannot be told fails alone. Each choice is keyed by its Consent.identifier (or, without one,
 * the entry's fullUrl) for this provider, which makes the import idempotent (../storage/shard/fhir-writes.ts).
 */
import { BSN_SYSTEM, FHIR_SYSTEMS, isValidBsn, URA_SYSTEM, type FieldError } from "@regie/shared";
import { FhirConsentIdentifiers, FhirConsentInput, FhirProvenanceInput, type FhirTransactionBundle } from "@regie/shared/contracts/consent";
import { zodIssuesToErrors } from "@regie/shared";
import { isPartyTo } from "../decision/recorder";
import { concrete } from "../storage/shard/provider-questions";
import type { ImportItem } from "../storage/shard/fhir-writes";
import { agentOf, readRecordedConsent } from "./consent-record";

export const FULL_URL_SYSTEM = "urn:ietf:rfc:3986";

export interface EntryFailure {
  index: number;
  status: 400 | 403;
  errors: FieldError[];
}

export interface PatientPlan {
  bsn: string;
  /** every entry of this patient (Consent and Provenance), in Bundle order */
  entries: number[];
  /** per item: the Consent entry and its Provenance entry, if any */
  items: (ImportItem & { consentIndex: number; provenanceIndex?: number })[];
  failures: EntryFailure[];
}

export interface MigrationPlan {
  patients: PatientPlan[];
  /** entries whose patient could not be told: each fails alone */
  alone: EntryFailure[];
}

type Caller = { ura: string; organizationType: string; uziRole?: string };
const at = (i: number) => `/Bundle/entry/${i}`;

function looseBsn(resource: Record<string, unknown> | undefined): string | undefined {
  const id = (resource?.patient as { identifier?: { system?: unknown; value?: unknown } } | undefined)?.identifier;
  return id?.system === BSN_SYSTEM && typeof id.value === "string" && isValidBsn(id.value) ? id.value : undefined;
}

export function planMigration(bundle: FhirTransactionBundle, caller: Caller): MigrationPlan {
  const byBsn = new Map<string, PatientPlan>();
  const alone: EntryFailure[] = [];
  const patient = (bsn: string) => byBsn.get(bsn) ?? byBsn.set(bsn, { bsn, entries: [], items: [], failures: [] }).get(bsn)!;
  const consentAt = new Map<string, { index: number; bsn: string; item?: PatientPlan["items"][number] }>();
  const keys = new Set<string>();
  const provenances: number[] = [];

  bundle.entry.forEach((e, i) => {
    const type = e.resource?.resourceType;
    if (type === "Provenance") return void provenances.push(i);
    const fail = (status: 400 | 403, errors: FieldError[]) => {
      const bsn = type === "Consent" ? looseBsn(e.resource) : undefined;
      if (bsn) patient(bsn).failures.push({ index: i, status, errors });
      else alone.push({ index: i, status, errors });
      if (bsn) patient(bsn).entries.push(i);
    };
    if (type !== "Consent")
      return fail(400, [{ path: `${at(i)}/resource/resourceType`, message: "A migration Bundle holds Consent and Provenance entries only" }]);
    if (e.request?.method !== "POST" || !/^Consent\/?$/.test(e.request.url ?? ""))
      return fail(400, [{ path: `${at(i)}/request`, message: 'Expected request POST "Consent"' }]);
    const parsed = FhirConsentInput.safeParse(e.resource);
    if (!parsed.success) return fail(400, zodIssuesToErrors(parsed.error.issues, `${at(i)}/resource`));
    const read = readRecordedConsent(parsed.data, ["active"], `${at(i)}/resource`);
    if (!read.ok) return fail(400, read.errors);
    if (!isPartyTo(read.value.choice, concrete(caller)))
      return fail(403, [{ path: `${at(i)}/resource/provision/actor`, message: "Your organisation is not a party to this Consent (holder or requester)" }]);
    const ident = FhirConsentIdentifiers.parse(e.resource).identifier?.find((x) => x.system && x.value);
    const source = ident ? { system: ident.system!, value: ident.value! } : e.fullUrl ? { system: FULL_URL_SYSTEM, value: e.fullUrl } : undefined;
    if (!source)
      return fail(400, [
        { path: `${at(i)}/resource/identifier`, message: "Give the Consent an identifier (or the entry a fullUrl): the import is idempotent on it" },
      ]);
    const key = `${source.system}|${source.value}`;
    if (keys.has(key)) return fail(400, [{ path: `${at(i)}/resource/identifier`, message: "Another entry of this Bundle has the same identifier" }]);
    keys.add(key);
    const p = patient(read.value.bsn);
    const item = { consentIndex: i, input: read.value.choice, provenance: { agent: agentOf(caller, read.value.professional), source } };
    p.entries.push(i);
    p.items.push(item);
    if (e.fullUrl) consentAt.set(e.fullUrl, { index: i, bsn: read.value.bsn, item });
  });

  for (const i of provenances) attachProvenance(bundle.entry[i]!, i, consentAt, caller, patient, alone);
  for (const p of byBsn.values()) p.entries.sort((a, b) => a - b);
  return { patients: [...byBsn.values()], alone };
}

/** A Provenance entry: it must target a Consent entry of this Bundle (by fullUrl); its recorded time and professional are kept. */
function attachProvenance(
  e: FhirTransactionBundle["entry"][number],
  i: number,
  consentAt: Map<string, { index: number; bsn: string; item?: PatientPlan["items"][number] }>,
  caller: Caller,
  patient: (bsn: string) => PatientPlan,
  alone: EntryFailure[],
): void {
  const target = (e.resource?.target as { reference?: unknown }[] | undefined)
    ?.map((t) => t?.reference)
    .find((r) => typeof r === "string" && consentAt.has(r)) as string | undefined;
  const consent = target ? consentAt.get(target) : undefined;
  const fail = (errors: FieldError[]) =>
    consent
      ? (patient(consent.bsn).failures.push({ index: i, status: 400, errors }), patient(consent.bsn).entries.push(i))
      : alone.push({ index: i, status: 400, errors });
  if (!consent) return void fail([{ path: `${at(i)}/resource/target`, message: "The Provenance must target a Consent entry of this Bundle by its fullUrl" }]);
  patient(consent.bsn).entries.push(i);
  const parsed = FhirProvenanceInput.safeParse(e.resource);
  if (!parsed.success)
    return void patient(consent.bsn).failures.push({ index: i, status: 400, errors: zodIssuesToErrors(parsed.error.issues, `${at(i)}/resource`) });
  const errors: FieldError[] = [];
  const recorded = Date.parse(parsed.data.recorded);
  if (Number.isNaN(recorded)) errors.push({ path: `${at(i)}/resource/recorded`, message: "Expected a FHIR instant" });
  const whos = parsed.data.agent.map((a) => a.who.identifier);
  const other = whos.findIndex((w) => w?.system === URA_SYSTEM && w.value !== caller.ura);
  if (other >= 0)
    errors.push({
      path: `${at(i)}/resource/agent/${other}/who`,
      message: "A provider migrates only its own consents: the organisation must be your token's URA",
    });
  const uzi = whos.find((w) => w?.system === FHIR_SYSTEMS.uziNumber)?.value;
  if (uzi !== undefined && !/^\d{9}$/.test(uzi)) errors.push({ path: `${at(i)}/resource/agent`, message: "A UZI number has 9 digits" });
  if (consent.item?.provenanceIndex !== undefined) errors.push({ path: `${at(i)}/resource/target`, message: "Only one Provenance per Consent" });
  if (errors.length || !consent.item) return void patient(consent.bsn).failures.push({ index: i, status: 400, errors });
  consent.item.provenanceIndex = i;
  consent.item.provenance = {
    ...consent.item.provenance,
    recorded,
    agent: { ...consent.item.provenance.agent, ...(uzi && !consent.item.provenance.agent.uziNumber ? { uziNumber: uzi } : {}) },
  };
}
