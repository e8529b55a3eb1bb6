/**
 * mulberry32: a small, fast, seeded PRNG (same seed -> same sequence of numbers in [0, 1)). Pure. Not for anything
 * secret: the catalogue's dataset generator and the benchmarks use it so their data is repeatable.
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
