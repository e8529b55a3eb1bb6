import { z } from "@hono/zod-openapi";

/**
 * Organisation types (Nictiz/Vektis code list, OID 2.16.840.1.113883.2.4.15.1060) and the provider
 * categories a citizen chooses between. Category ids are stable: clients use them.
 */
export const ORGANISATION_TYPE_OID = "2.16.840.1.113883.2.4.15.1060";

export const PROVIDER_CATEGORIES = ["huisarts", "ziekenhuis", "apotheek", "ggz", "vvt", "laboratorium", "tandarts", "jeugdgezondheidszorg", "overig"] as const;
export const ProviderCategory = z.enum(PROVIDER_CATEGORIES).openapi("ProviderCategory");
export type ProviderCategory = z.infer<typeof ProviderCategory>;

export interface OrganisationType {
  code: string;
  display: string;
  category: ProviderCategory;
  /** false for the project's own codes that are not (or differently) in the Nictiz list */
  nictiz?: boolean;
}

/**
 * The organisation-type list (RoleCodeNL zorgaanbiedertype, as in the ZIB OrganisatieTypeCodelijst) mapped onto the
 * provider categories. Types without a category of their own map to `overig`.
 *
 * Project convention (DOMAIN.md) kept for compatibility: `BZ` (zelfstandig behandelcentrum), `H1` as tandarts and
 * `K9` as jeugdgezondheidszorg. In the Nictiz list H1 is "Huisartsinstelling", K9 "Zelfstandig opererende
 * ziekenhuisapotheek" and a ZBC is Z4; `nictiz: false` marks these project codes (see docs/consent.md).
 */
export const ORGANISATION_TYPES: readonly OrganisationType[] = [
  // huisarts
  { code: "Z3", display: "Huisartspraktijk (zelfstandig of groepspraktijk)", category: "huisarts" },
  { code: "K3", display: "Apotheekhoudende huisartspraktijk", category: "huisarts" },
  { code: "N6", display: "Huisartsenpost (t.b.v. dienstwaarneming)", category: "huisarts" },
  // ziekenhuis
  { code: "V4", display: "Ziekenhuis", category: "ziekenhuis" },
  { code: "V5", display: "Universitair Medisch Centrum", category: "ziekenhuis" },
  { code: "V6", display: "Algemeen ziekenhuis", category: "ziekenhuis" },
  { code: "BZ", display: "Zelfstandig behandelcentrum", category: "ziekenhuis", nictiz: false },
  { code: "Z4", display: "Zelfstandig behandelcentrum", category: "ziekenhuis" },
  { code: "BRA", display: "Brandwondencentrum", category: "ziekenhuis" },
  { code: "P4", display: "Polikliniek (als onderdeel van een ziekenhuis)", category: "ziekenhuis" },
  // apotheek
  { code: "J8", display: "Openbare apotheek", category: "apotheek" },
  { code: "A1", display: "Apotheekinstelling", category: "apotheek" },
  // ggz
  { code: "G5", display: "Geestelijke gezondheidszorg", category: "ggz" },
  { code: "G6", display: "Zorg voor verstandelijk gehandicapten", category: "ggz" },
  // vvt
  { code: "X3", display: "Verplegings- of verzorgingsinstelling", category: "vvt" },
  { code: "R5", display: "Verpleeghuis", category: "vvt" },
  { code: "M1", display: "Verzorgingstehuis", category: "vvt" },
  { code: "T2", display: "Thuiszorg", category: "vvt" },
  { code: "H2", display: "Hospice", category: "vvt" },
  // laboratorium
  { code: "L1", display: "Laboratorium", category: "laboratorium" },
  // tandarts, jeugdgezondheidszorg
  { code: "H1", display: "Tandartspraktijk", category: "tandarts", nictiz: false },
  { code: "K9", display: "Jeugdgezondheidszorg", category: "jeugdgezondheidszorg", nictiz: false },
  { code: "JGZ", display: "Jeugdgezondheidszorg", category: "jeugdgezondheidszorg" },
  // overig
  { code: "Z5", display: "Diagnostisch centrum", category: "overig" },
  { code: "B2", display: "Echocentrum", category: "overig" },
  { code: "R8", display: "Revalidatiecentrum", category: "overig" },
  { code: "P6", display: "Preventieve gezondheidszorg", category: "overig" },
  { code: "K4", display: "Kraamzorg", category: "overig" },
  { code: "G3", display: "Verloskundigenpraktijk", category: "overig" },
  { code: "DIA", display: "Dialysecentrum", category: "overig" },
];

const BY_CODE = new Map(ORGANISATION_TYPES.map((t) => [t.code, t]));

export function organisationType(code: string): OrganisationType | undefined {
  return BY_CODE.get(code);
}

export function categoryOf(organisationTypeCode: string): ProviderCategory | undefined {
  return BY_CODE.get(organisationTypeCode)?.category;
}

/** Every organisation type of a provider category (for pickers and explanations). */
export function organisationTypesOf(category: ProviderCategory): OrganisationType[] {
  return ORGANISATION_TYPES.filter((t) => t.category === category);
}

/** Dutch labels of the provider categories, as a citizen reads them. */
export const PROVIDER_CATEGORY_LABELS: Record<ProviderCategory, string> = {
  huisarts: "Huisarts",
  ziekenhuis: "Ziekenhuis",
  apotheek: "Apotheek",
  ggz: "GGZ (geestelijke gezondheidszorg)",
  vvt: "Verpleging, verzorging en thuiszorg",
  laboratorium: "Laboratorium",
  tandarts: "Tandarts",
  jeugdgezondheidszorg: "Jeugdgezondheidszorg",
  overig: "Overige zorgaanbieders",
};

export const OrganizationTypeCode = z
  .string()
  .refine((v) => BY_CODE.has(v), { message: "Unknown organisation type (Nictiz/Vektis code list 2.16.840.1.113883.2.4.15.1060)" })
  .openapi({ description: "Organisation type code, OID " + ORGANISATION_TYPE_OID, example: "Z3" });
