/** Age in whole years on a given day (pure). birthDate is YYYY-MM-DD. */
export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  const month = now.getUTCMonth() + 1;
  if (month < m || (month === m && now.getUTCDate() < d)) age--;
  return age;
}

/** From this age a citizen's own choices count at once; below it a guardian confirms or records them. */
export const AGE_OF_CONSENT = 16;
/** From this age (to AGE_OF_CONSENT) the child records its own choices and a parent confirms them with the koppelcode. */
export const CHILD_RECORDS_FROM = 12;

/**
 * Who records a minor's choices, as Mitz works (docs/consent.md, "Domain notes"): under 12 a parent or guardian
 * (`guardian-records`); from 12 to 16 the child, and a parent confirms with the koppelcode (`child-records-guardian-confirms`);
 * from 16 the child alone (`own`).
 */
export type MinorRule = "guardian-records" | "child-records-guardian-confirms" | "own";

export function minorRule(age: number): MinorRule {
  if (age < CHILD_RECORDS_FROM) return "guardian-records";
  if (age < AGE_OF_CONSENT) return "child-records-guardian-confirms";
  return "own";
}
