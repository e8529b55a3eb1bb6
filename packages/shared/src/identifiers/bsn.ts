import { z } from "@hono/zod-openapi";

export const BSN_SYSTEM = "http://fhir.nl/fhir/NamingSystem/bsn";

/**
 * The 11-proef: 9·d1 + 8·d2 + … + 2·d8 − 1·d9 must be divisible by 11 and not 0.
 * Pure; never logs or echoes its input.
 */
export function isValidBsn(value: string): boolean {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum !== 0 && sum % 11 === 0;
}

/**
 * The ninth digit that makes eight leading digits pass the 11-proef, or undefined when no digit does (the weighted
 * sum leaves 10, or the number would be all zeros). For generating synthetic test numbers. Pure.
 */
export function bsnCheckDigit(eight: string): number | undefined {
  if (!/^\d{8}$/.test(eight)) return undefined;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (eight.charCodeAt(i) - 48);
  const d9 = sum % 11;
  return d9 === 10 || sum === d9 ? undefined : d9;
}

export const BSN_MESSAGE = "Invalid BSN: it must be 9 digits and pass the 11-proef";

/** A citizen service number. Error messages never contain the submitted value. */
export const Bsn = z
  .string()
  .refine(isValidBsn, { message: BSN_MESSAGE })
  .openapi({ description: "Burgerservicenummer: 9 digits passing the 11-proef", example: "999993653" });
export type Bsn = z.infer<typeof Bsn>;

/** Shows only the last three digits, for places where a person must recognise a BSN (never in logs). */
export function maskBsn(bsn: string): string {
  return "******" + bsn.slice(-3);
}
