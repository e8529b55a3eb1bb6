/** Age in whole years on a given day (pure). birthDate is YYYY-MM-DD. */
export function ageOn(birthDate: string, now: Date): number {
  const [y, m, d] = birthDate.split("-").map(Number) as [number, number, number];
  let age = now.getUTCFullYear() - y;
  const month = now.getUTCMonth() + 1;
  if (month < m || (month === m && now.getUTCDate() < d)) age--;
  return age;
}

/** From this age a citizen's own choices count at once; below it a guardian confirms or manages them. */
export const AGE_OF_CONSENT = 16;
