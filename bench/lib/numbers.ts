// Rounding, spreads and percentiles of the bench's own timings (autocannon's are in ./load.ts).
export function round(v: number, d?: number): number;
export function round(v: number | null | undefined, d?: number): number | null;
export function round(v: number | null | undefined, d = 2): number | null {
  return v === null || v === undefined ? null : Math.round(v * 10 ** d) / 10 ** d;
}

export interface Spread {
  min: number;
  median: number;
  max: number;
  n: number;
}

export const stats = (xs: readonly (number | null)[]): Spread | null => {
  const s = xs.filter((x): x is number => Number.isFinite(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  return { min: round(s[0]!), median: round(s[Math.floor((s.length - 1) / 2)]!), max: round(s.at(-1)!), n: s.length };
};

/** The p-th percentile (nearest rank), one decimal; null for no samples. */
export const percentile = (xs: readonly number[], p: number) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return Math.round(s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]! * 10) / 10;
};

export const spread = (xs: readonly number[]) => ({
  n: xs.length,
  p50: percentile(xs, 50),
  p95: percentile(xs, 95),
  p99: percentile(xs, 99),
  max: percentile(xs, 100),
});

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
