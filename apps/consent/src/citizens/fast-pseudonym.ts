/**
 * The same pseudonym as `pseudonymise` (HMAC-SHA-256 of "bsn:" + BSN under PSEUDONYM_KEY, hex), computed
 * synchronously with the key's inner and outer states precomputed: two SHA-256 blocks per BSN instead of an
 * async WebCrypto call each. The cohort filter pseudonymises 100,000 BSNs per call; a test checks both agree.
 */
import { compressBlock, sha256Words, SHA256_IV, wordsToHex } from "../log/sha256";

export type Pseudonymiser = (bsn: string) => string;

export function createPseudonymiser(secret: string): Pseudonymiser {
  if (!secret || secret.length < 16) throw new Error("PSEUDONYM_KEY is missing or shorter than 16 characters");
  let key = new TextEncoder().encode(secret);
  if (key.length > 64) {
    const h = sha256Words(key);
    key = new Uint8Array(32);
    const view = new DataView(key.buffer);
    for (let i = 0; i < 8; i++) view.setUint32(i * 4, h[i]!);
  }
  const w = new Uint32Array(64);
  const padBlock = (pad: number) => {
    const state = new Uint32Array(SHA256_IV);
    for (let i = 0; i < 16; i++) {
      let word = 0;
      for (let j = 0; j < 4; j++) word = (word << 8) | (((key[i * 4 + j] ?? 0) ^ pad) & 255);
      w[i] = word;
    }
    compressBlock(state, w);
    return state;
  };
  const inner = padBlock(0x36);
  const outer = padBlock(0x5c);
  const hi = new Uint32Array(8);
  const ho = new Uint32Array(8);

  return (bsn: string): string => {
    const msg = "bsn:" + bsn; // ASCII, at most 55 bytes: one block
    const len = msg.length;
    if (len > 55 || !/^[\x20-\x7e]*$/.test(msg)) throw new Error("fast pseudonymiser: unexpected input");
    w.fill(0, 0, 16);
    for (let i = 0; i < len; i++) w[i >> 2] = w[i >> 2]! | (msg.charCodeAt(i) << (24 - (i & 3) * 8));
    w[len >> 2] = w[len >> 2]! | (0x80 << (24 - (len & 3) * 8));
    w[15] = (64 + len) * 8;
    hi.set(inner);
    compressBlock(hi, w);
    for (let i = 0; i < 8; i++) w[i] = hi[i]!;
    w[8] = 0x80000000;
    w.fill(0, 9, 15);
    w[15] = (64 + 32) * 8;
    ho.set(outer);
    compressBlock(ho, w);
    return wordsToHex(ho);
  };
}

const byKey = new Map<string, Pseudonymiser>();

/** The per-isolate pseudonymiser for a PSEUDONYM_KEY (key states computed once). */
export function pseudonymiserFor(secret: string): Pseudonymiser {
  let p = byKey.get(secret);
  if (!p) byKey.set(secret, (p = createPseudonymiser(secret)));
  return p;
}
