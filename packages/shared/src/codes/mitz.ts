/**
 * The code systems Mitz and the Dutch FHIR profiles use, mapped once onto Regie's codes. Every FHIR resource Regie
 * emits takes its systems and codes from here (apps/consent/src/fhir/*).
 *
 * Sources (docs/consent.md, "Code systems"): the Mitz notification Bundle (Consent-Mitz-Notify, as in
 * nuts-foundation/nuts-knooppunt component/mitz/example), VZVZ's draft openapi-mitz-closed-open.yml 4.0.0-beta.1
 * (permission-response), the XACML closed question (GGC event codes OID 2.16.840.1.113883.2.4.3.111.5.10.1, UZI roles
 * OID 2.16.840.1.113883.2.4.15.111, organisation types OID 2.16.840.1.113883.2.4.15.1060).
 */
import { BSN_SYSTEM } from "../identifiers/bsn";
import { URA_SYSTEM, UZI_NUMBER_SYSTEM } from "../identifiers/ura";
import { dataCategory } from "./data-categories";
import { organisationType, type ProviderCategory } from "./organisation-types";

export const FHIR_SYSTEMS = {
  bsn: BSN_SYSTEM,
  ura: URA_SYSTEM,
  uziNumber: UZI_NUMBER_SYSTEM,
  /** gegevenscategorie (GGC002 Behandelgegevens, …) */
  dataCategory: "http://fhir.nl/otv/CodeSystem/gegevenscategorie",
  /** raadplegende zorgaanbiedercategorie (RPZAC001 Huisartsen en huisartsenposten, …) */
  requesterCategory: "http://fhir.nl/otv/CodeSystem/raadplegende-zorgaanbiedercategorie",
  /** the extension Mitz puts the requester category in (on Consent) */
  requesterCategoryExtension: "http://fhir.nl/StructureDefinition/OTV-ProviderCategory",
  /** Nictiz/Vektis organisation types (Z3, V6, J8, …) */
  organizationType: "http://nictiz.nl/fhir/NamingSystem/organization-type",
  /** UZI roles (RoleCodeNL, 01.015 Huisarts, …) */
  uziRole: "urn:oid:2.16.840.1.113883.2.4.15.111",
  /** purpose of use: TREAT (explicit consent), COC (continuity of care, assumed consent) */
  purposeOfUse: "http://terminology.hl7.org/CodeSystem/v3-ActReason",
  /** the answer of the closed question, per data category, in an OperationOutcome issue */
  permissionResponse: "http://vzvz.nl/fhir/otv/permission-response",
  participationType: "http://terminology.hl7.org/CodeSystem/v3-ParticipationType",
  consentScope: "http://terminology.hl7.org/CodeSystem/consentscope",
  /** Regie's own: the provider categories a citizen chooses between (no national code system for the holder side) */
  providerCategory: "https://regie.nl/fhir/CodeSystem/provider-category",
  holderCategoryExtension: "https://regie.nl/fhir/StructureDefinition/holder-category",
  temporaryConsentExtension: "https://regie.nl/fhir/StructureDefinition/temporary-consent",
  mandatedByExtension: "https://regie.nl/fhir/StructureDefinition/mandated-by",
  dataCategoryExtension: "https://regie.nl/fhir/StructureDefinition/data-category",
  /** a pending choice's one-time confirmation code for a parent or guardian (sub-extensions code, expires) */
  confirmationExtension: "https://regie.nl/fhir/StructureDefinition/guardian-confirmation",
  /** Provenance.activity (CREATE, UPDATE) and Provenance.agent.type (author, enterer) */
  dataOperation: "http://terminology.hl7.org/CodeSystem/v3-DataOperation",
  provenanceParticipantType: "http://terminology.hl7.org/CodeSystem/provenance-participant-type",
} as const;

/** Mitz's raadplegende zorgaanbiedercategorie (requester categories). */
export const REQUESTER_CATEGORIES = [
  { code: "RPZAC001", display: "Huisartsen en huisartsenposten", categories: ["huisarts"] },
  { code: "RPZAC003", display: "Geestelijke gezondheidszorg (GGZ)", categories: ["ggz"] },
  { code: "RPZAC004", display: "Verpleging en verzorging", categories: ["vvt"] },
  { code: "RPZAC005", display: "Apotheken", categories: ["apotheek"] },
  { code: "RPZAC103", display: "Overige zorg (tandartsen, paramedici, jeugdgezondheidszorg)", categories: ["tandarts", "jeugdgezondheidszorg", "overig"] },
  { code: "RPZAC104", display: "Ziekenhuizen, medische centra, klinieken, laboratoria en diagnostische centra", categories: ["ziekenhuis", "laboratorium"] },
  { code: "RPZAC200", display: "Zorgaanbieders in de Europese Unie buiten Nederland", categories: [] },
] as const satisfies readonly { code: string; display: string; categories: readonly ProviderCategory[] }[];

/** The Mitz requester category of a Regie provider category. */
export function requesterCategoryOf(category: ProviderCategory): { code: string; display: string } {
  const r = REQUESTER_CATEGORIES.find((c) => (c.categories as readonly string[]).includes(category))!;
  return { code: r.code, display: r.display };
}

/** The Regie provider categories a Mitz requester category covers (several for RPZAC103 and RPZAC104). */
export function categoriesOfRequesterCategory(code: string): readonly ProviderCategory[] | undefined {
  return REQUESTER_CATEGORIES.find((c) => c.code === code)?.categories;
}

/** UZI role displays Regie knows (RoleCodeNL); any NN.NNN code is accepted, these get a display. */
export const UZI_ROLE_DISPLAYS: Readonly<Record<string, string>> = {
  "01.000": "Arts",
  "01.015": "Huisarts",
  "17.000": "Apotheker",
  "30.000": "Verpleegkundige",
};

export interface Coding {
  system: string;
  code: string;
  display?: string;
}

const withDisplay = (system: string, code: string, display: string | undefined): Coding => (display ? { system, code, display } : { system, code });

export const dataCategoryCoding = (code: string): Coding => withDisplay(FHIR_SYSTEMS.dataCategory, code, dataCategory(code)?.display);
export const organisationTypeCoding = (code: string): Coding => withDisplay(FHIR_SYSTEMS.organizationType, code, organisationType(code)?.display);
export const uziRoleCoding = (code: string): Coding => withDisplay(FHIR_SYSTEMS.uziRole, code, UZI_ROLE_DISPLAYS[code]);
export const purposeCoding = (purpose: "TREAT" | "COC"): Coding =>
  withDisplay(FHIR_SYSTEMS.purposeOfUse, purpose, purpose === "TREAT" ? "treatment" : "continuity of care");
export const providerCategoryCoding = (category: ProviderCategory): Coding => ({ system: FHIR_SYSTEMS.providerCategory, code: category });

/** A requester category as Mitz codes it (RPZAC), with Regie's finer category as a second coding. */
export function requesterCategoryConcept(category: ProviderCategory): { coding: Coding[] } {
  const r = requesterCategoryOf(category);
  return { coding: [{ system: FHIR_SYSTEMS.requesterCategory, code: r.code, display: r.display }, providerCategoryCoding(category)] };
}
