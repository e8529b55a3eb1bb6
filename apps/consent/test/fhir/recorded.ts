/** FHIR resources a Consent Recorder sends (IHE PCF): a recorded Consent, its Provenance, and a migration Bundle. */
import { provider } from "../helpers";

const URA = "http://fhir.nl/fhir/NamingSystem/ura";
const UZI = "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers";

export interface RecordedOptions {
  holder: string;
  requester: string;
  dataCategory?: string;
  decision?: "permit" | "deny";
  status?: string;
  validUntil?: string;
  professional?: { uziNumber: string; role: string };
  identifier?: string;
}

const byUra = (role: string, key: string) => ({
  role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: role }] },
  reference: { type: "Organization", identifier: { system: URA, value: provider(key).ura } },
});

/** A Consent recording one choice: holder (CST) and requester (IRCP) by URA, one GGC category, permit or deny. */
export function recordedConsent(bsn: string, o: RecordedOptions) {
  const actors: Record<string, unknown>[] = [byUra("CST", o.holder), byUra("IRCP", o.requester)];
  const contained: Record<string, unknown>[] = [];
  if (o.professional) {
    contained.push({
      resourceType: "PractitionerRole",
      id: "professional",
      practitioner: { identifier: { system: UZI, value: o.professional.uziNumber } },
      code: [{ coding: [{ system: "urn:oid:2.16.840.1.113883.2.4.15.111", code: o.professional.role }] }],
    });
    actors.push({
      role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: "PRCP" }] },
      reference: { reference: "#professional" },
    });
  }
  return {
    resourceType: "Consent",
    ...(o.identifier ? { identifier: [{ system: "https://his.example.org/consent-id", value: o.identifier }] } : {}),
    ...(contained.length ? { contained } : {}),
    status: o.status ?? "active",
    scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
    category: [{ coding: [{ system: "http://fhir.nl/otv/CodeSystem/gegevenscategorie", code: o.dataCategory ?? "GGC002" }] }],
    patient: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/bsn", value: bsn } },
    provision: { type: o.decision ?? "permit", ...(o.validUntil ? { period: { end: o.validUntil } } : {}), actor: actors },
  };
}

/** A Provenance of an existing consent in the source system: who recorded it (UZI, URA) and when. */
export function sourceProvenance(target: string, recorderKey: string, recorded = "2024-05-01T10:00:00Z", uzi = "900012345") {
  return {
    resourceType: "Provenance",
    target: [{ reference: target }],
    recorded,
    agent: [
      { who: { identifier: { system: UZI, value: uzi } }, onBehalfOf: { identifier: { system: URA, value: provider(recorderKey).ura } } },
      { who: { identifier: { system: URA, value: provider(recorderKey).ura } } },
    ],
  };
}

/** A transaction Bundle: each Consent with a urn:uuid fullUrl and, when asked, a Provenance targeting it. */
export function migrationBundle(items: { consent: Record<string, unknown>; provenance?: (fullUrl: string) => Record<string, unknown>; fullUrl?: string }[]) {
  const entry: Record<string, unknown>[] = [];
  for (const it of items) {
    const fullUrl = it.fullUrl ?? `urn:uuid:${crypto.randomUUID()}`;
    entry.push({ fullUrl, resource: it.consent, request: { method: "POST", url: "Consent" } });
    if (it.provenance)
      entry.push({ fullUrl: `urn:uuid:${crypto.randomUUID()}`, resource: it.provenance(fullUrl), request: { method: "POST", url: "Provenance" } });
  }
  return { resourceType: "Bundle", type: "transaction", entry };
}
