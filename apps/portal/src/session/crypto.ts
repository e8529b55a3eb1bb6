/**
 * Sealing of cookie values: AES-256-GCM with a key derived (HKDF-SHA-256) from a secret, so a
 * cookie is both confidential (it carries the user's access token, whose payload holds a BSN) and
 * tamper-proof. Output: base64url(iv || ciphertext).
 */
import { fromBase64url, randomToken, toBase64url } from "@regie/shared/util/encoding";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export async function deriveKey(secret: string, purpose: string): Promise<CryptoKey> {
  const material = await crypto.subtle.importKey("raw", encoder.encode(secret), "HKDF", false, ["deriveKey"]);
  return crypto.subtle.deriveKey(
    { name: "HKDF", hash: "SHA-256", salt: encoder.encode("regie-portal"), info: encoder.encode(purpose) },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

export async function seal(key: CryptoKey, value: unknown): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(await crypto.subtle.encrypt({ name: "AES-GCM", iv }, key, encoder.encode(JSON.stringify(value))));
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return toBase64url(out);
}

/** The sealed value, or undefined when it was tampered with, sealed with another key, or is garbage. */
export async function unseal<T>(key: CryptoKey, sealed: string): Promise<T | undefined> {
  try {
    const bytes = fromBase64url(sealed);
    if (bytes.length < 29) return undefined;
    const plain = await crypto.subtle.decrypt({ name: "AES-GCM", iv: bytes.slice(0, 12) }, key, bytes.slice(12));
    return JSON.parse(decoder.decode(plain)) as T;
  } catch {
    return undefined;
  }
}

export { randomToken };
