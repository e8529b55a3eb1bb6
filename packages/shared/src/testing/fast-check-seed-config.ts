/// <reference types="node" />
/** Node side of fast-check-seed.ts: the seed a vitest config provides to its tests (null: random). */
export function fastCheckSeed(): number | null {
  const fromEnv = process.env.FAST_CHECK_SEED;
  if (fromEnv && /^-?\d+$/.test(fromEnv)) return Number(fromEnv);
  return process.env.CI ? 20261123 : null;
}
