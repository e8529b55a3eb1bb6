import { z } from "@hono/zod-openapi";

export const URA_SYSTEM = "http://fhir.nl/fhir/NamingSystem/ura";

export function isValidUra(value: string): boolean {
  return /^\d{1,8}$/.test(value);
}

/** UZI-register subscriber number (URA): up to 8 digits. */
export const Ura = z
  .string()
  .regex(/^\d{1,8}$/, { message: "Invalid URA: it must be 1 to 8 digits" })
  .openapi({ description: "UZI-register abonneenummer (URA), up to 8 digits", example: "87654321" });
export type Ura = z.infer<typeof Ura>;

/** UZI role code such as 01.015 (huisarts). */
export const UziRole = z
  .string()
  .regex(/^\d{2}\.\d{3}$/, { message: "Invalid UZI role: expected NN.NNN, e.g. 01.015" })
  .openapi({ example: "01.015" });

/** UZI number of a care professional (UZI-pas): 9 digits. FHIR system below. */
export const UZI_NUMBER_SYSTEM = "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers";
export const UziNumber = z
  .string()
  .regex(/^\d{9}$/, { message: "Invalid UZI number: it must be 9 digits" })
  .openapi({ description: "UZI number of the care professional (UZI-pas)", example: "000095254" });
