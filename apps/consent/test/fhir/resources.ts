/** FHIR request resources the tests send (a proposed Consent for the Mitz operations, a recorded Consent). */
import { provider } from "../helpers";

const GGC = "http://fhir.nl/otv/CodeSystem/gegevenscategorie";
const org = (id: string, key: string) => ({
  resourceType: "Organization",
  id,
  identifier: [{ system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider(key).ura }],
  type: [{ coding: [{ system: "http://nictiz.nl/fhir/NamingSystem/organization-type", code: provider(key).organizationType }] }],
});
const actor = (role: string, ref: string) => ({
  role: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType", code: role }] },
  reference: { reference: ref },
});

export interface ProposedOptions {
  holder?: string;
  requester: string;
  purpose?: "TREAT" | "COC";
  dataCategories?: string[];
  professional?: { uziNumber: string; role: string; mandatedBy?: string };
}

/** Parameters with a proposed Consent, as VZVZ's draft has the closed and open questions. */
export function proposedConsent(bsn: string, o: ProposedOptions) {
  const contained: Record<string, unknown>[] = [org("requester", o.requester)];
  const actors = [actor("IRCP", "#requester")];
  if (o.holder) {
    contained.unshift(org("holder", o.holder));
    actors.unshift(actor("CST", "#holder"));
  }
  if (o.professional) {
    contained.push({
      resourceType: "PractitionerRole",
      id: "professional",
      practitioner: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers", value: o.professional.uziNumber } },
      organization: { reference: "#requester" },
      code: [{ coding: [{ system: "urn:oid:2.16.840.1.113883.2.4.15.111", code: o.professional.role }] }],
      ...(o.professional.mandatedBy
        ? {
            extension: [
              {
                url: "https://regie.nl/fhir/StructureDefinition/mandated-by",
                valueIdentifier: { system: "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers", value: o.professional.mandatedBy },
              },
            ],
          }
        : {}),
    });
    actors.push(actor("PRCP", "#professional"));
  }
  return {
    resourceType: "Parameters",
    parameter: [
      {
        name: "consent",
        resource: {
          resourceType: "Consent",
          status: "proposed",
          scope: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/consentscope", code: "patient-privacy" }] },
          category: o.dataCategories?.length
            ? o.dataCategories.map((code) => ({ coding: [{ system: GGC, code }] }))
            : [{ coding: [{ system: "http://loinc.org", code: "59284-0" }] }],
          policyRule: { coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActCode", code: "OPTIN" }] },
          patient: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/bsn", value: bsn } },
          contained,
          provision: { actor: actors, purpose: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: o.purpose ?? "TREAT" }] },
        },
      },
    ],
  };
}
