import { z } from "@hono/zod-openapi";

/**
 * Organisation types (Nictiz/Vektis code list, OID 2.16.840.1.113883.2.4.15.1060) and the provider
 * categories a citizen chooses between. Category ids are stable: clients use them.
 */
export const ORGANISATION_TYPE_OID = "2.16.840.1.113883.2.4.15.1060";

export const PROVIDER_CATEGORIES = [
  "huisarts",
  "ziekenhuis",
  "apotheek",
  "ggz",
  "vvt",
  "laboratorium",
  "tandarts",
  "jeugdgezondheidszorg",
  "overig",
] as const;
export const ProviderCategory = z.enum(PROVIDER_CATEGORIES).openapi("ProviderCategory");
export type ProviderCategory = z.infer<typeof ProviderCategory>;

export interface OrganisationType {
  code: string;
  display: string;
  category: ProviderCategory;
}

/** The organisation-type list. Types not named in DOMAIN.md's categories map to `overig`. */
export const ORGANISATION_TYPES: readonly OrganisationType[] = [
  { code: "Z3", display: "Huisartspraktijk (zelfstandig of groepspraktijk)", category: "huisarts" },
  { code: "V4", display: "Ziekenhuis", category: "ziekenhuis" },
  { code: "V5", display: "Universitair Medisch Centrum", category: "ziekenhuis" },
  { code: "V6", display: "Algemeen ziekenhuis", category: "ziekenhuis" },
  { code: "BZ", display: "Zelfstandig behandelcentrum", category: "ziekenhuis" },
  { code: "J8", display: "Openbare apotheek", category: "apotheek" },
  { code: "A1", display: "Apotheekhoudende huisarts", category: "apotheek" },
  { code: "G5", display: "Geestelijke gezondheidszorg", category: "ggz" },
  { code: "G6", display: "Zorg voor verstandelijk gehandicapten", category: "ggz" },
  { code: "X3", display: "Verpleeg- en verzorgingshuis, thuiszorg", category: "vvt" },
  { code: "R5", display: "Verpleeghuis", category: "vvt" },
  { code: "L1", display: "Laboratorium", category: "laboratorium" },
  { code: "H1", display: "Tandartspraktijk", category: "tandarts" },
  { code: "K9", display: "Jeugdgezondheidszorg", category: "jeugdgezondheidszorg" },
];

const BY_CODE = new Map(ORGANISATION_TYPES.map((t) => [t.code, t]));

export function organisationType(code: string): OrganisationType | undefined {
  return BY_CODE.get(code);
}

export function categoryOf(organisationTypeCode: string): ProviderCategory | undefined {
  return BY_CODE.get(organisationTypeCode)?.category;
}

export const OrganizationTypeCode = z
  .string()
  .refine((v) => BY_CODE.has(v), { message: "Unknown organisation type (Nictiz/Vektis code list 2.16.840.1.113883.2.4.15.1060)" })
  .openapi({ description: "Organisation type code, OID " + ORGANISATION_TYPE_OID, example: "Z3" });
