// Synthetic citizen service numbers that pass the 11-proef, generated deterministically so a run is
// repeatable and every number is distinct. Never real people: they start with 1–7 and are made up.
// The 11-proef is the registry's own (packages/shared/src/identifiers/bsn.ts).
import { bsnCheckDigit } from "@regie/shared/identifiers/bsn";

/**
 * `count` distinct valid BSNs from series `series` (0–6; different series never overlap), spread over
 * the number space with a fixed stride so they do not cluster in one shard by accident.
 */
export function bsnSeries(count: number, series = 0): string[] {
  const out: string[] = [];
  const base = 10_000_000 + series * 10_000_000; // 8-digit prefixes 1xxxxxxx … 7xxxxxxx
  for (let n = 0; out.length < count; n++) {
    if (n >= 10_000_000) throw new Error("BSN series exhausted");
    const eight = String(base + ((n * 7_919) % 10_000_000)).padStart(8, "0");
    const d9 = bsnCheckDigit(eight);
    if (d9 !== undefined) out.push(eight + d9);
  }
  return out;
}
