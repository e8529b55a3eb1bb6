/** Fixed-size bitsets over dataset ordinals (Uint32Array words). Pure. */
export type Bitset = Uint32Array;

export const words = (size: number) => Math.ceil(size / 32);
export const empty = (size: number): Bitset => new Uint32Array(words(size));
export const set = (b: Bitset, i: number) => {
  b[i >>> 5]! |= 1 << (i & 31);
};
export const clear = (b: Bitset, i: number) => {
  b[i >>> 5]! &= ~(1 << (i & 31));
};
export const has = (b: Bitset, i: number) => (b[i >>> 5]! & (1 << (i & 31))) !== 0;

export function and(a: Bitset, b: Bitset): Bitset {
  const out = new Uint32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i]! & b[i]!;
  return out;
}

export function orInto(target: Bitset, b: Bitset) {
  for (let i = 0; i < target.length; i++) target[i]! |= b[i]!;
}

function popcount32(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export function count(b: Bitset): number {
  let n = 0;
  for (let i = 0; i < b.length; i++) if (b[i]) n += popcount32(b[i]!);
  return n;
}

/** |a ∧ b| without allocating. */
export function andCount(a: Bitset, b: Bitset): number {
  let n = 0;
  for (let i = 0; i < a.length; i++) {
    const w = a[i]! & b[i]!;
    if (w) n += popcount32(w);
  }
  return n;
}

/** The ordinals in the set, ascending. */
export function members(b: Bitset): number[] {
  const out: number[] = [];
  for (let i = 0; i < b.length; i++) {
    let w = b[i]!;
    while (w) {
      const t = w & -w;
      out.push((i << 5) + (31 - Math.clz32(t)));
      w ^= t;
    }
  }
  return out;
}

const HEX = "0123456789abcdef";
/**
 * The set as hex digits for SQL: digit i holds ordinals 4i..4i+3, lowest bit first (so ordinal o is set when
 * bit `o & 3` of digit `o >> 2` is); trailing all-zero words are left out (a missing digit reads as unset).
 */
export function toHex(b: Bitset): string {
  let last = b.length - 1;
  while (last >= 0 && b[last] === 0) last--;
  const out: string[] = [];
  for (let i = 0; i <= last; i++) {
    const w = b[i]!;
    for (let j = 0; j < 32; j += 4) out.push(HEX[(w >>> j) & 15]!);
  }
  return out.join("");
}
