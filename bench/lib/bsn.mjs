// Synthetic citizen service numbers that pass the 11-proef, generated deterministically so a run is
// repeatable and every number is distinct. Never real people: they start with 1–7 and are made up.

/** The check digit that makes the 8 leading digits a valid BSN, or undefined when none exists. */
function checkDigit(eight) {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (eight.charCodeAt(i) - 48);
  const d9 = sum % 11;
  return d9 === 10 ? undefined : d9;
}

export function isValidBsn(value) {
  if (!/^\d{9}$/.test(value)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (9 - i) * (value.charCodeAt(i) - 48);
  sum -= value.charCodeAt(8) - 48;
  return sum !== 0 && sum % 11 === 0;
}

/**
 * `count` distinct valid BSNs from series `series` (0–6; different series never overlap), spread over
 * the number space with a fixed stride so they do not cluster in one shard by accident.
 */
export function bsnSeries(count, series = 0) {
  const out = [];
  const base = 10_000_000 + series * 10_000_000; // 8-digit prefixes 1xxxxxxx … 7xxxxxxx
  for (let n = 0; out.length < count; n++) {
    if (n >= 10_000_000) throw new Error("BSN series exhausted");
    const eight = String(base + ((n * 7_919) % 10_000_000)).padStart(8, "0");
    const d9 = checkDigit(eight);
    if (d9 === undefined) continue;
    const bsn = eight + d9;
    if (isValidBsn(bsn)) out.push(bsn);
  }
  return out;
}

/** A small deterministic PRNG (mulberry32) so runs are repeatable. */
export function rng(seed = 42) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
