/**
 * Sealing what a notification needs but Regie must not keep readable: the subscribed patient's BSN (a notification's
 * Patient carries it, as Mitz's does) and the subscriber's channel headers (often a credential). AES-256-GCM with a
 * random 96-bit nonce, under a key derived from PSEUDONYM_KEY with HKDF-SHA-256 (info "regie/subscription-seal/v1"),
 * so no new secret is needed and the key is not the pseudonym key itself. Stored form: "v1." + base64url(nonce ||
 * ciphertext || tag). The additional data binds a sealed value to its purpose ("patient" / "headers"), so one cannot be
 * swapped for the other. Only the worker (which holds PSEUDONYM_KEY) can open them; a shard object stores them opaque.
 */
import { fromBase64url, toBase64url } from "@regie/shared";

const INFO = new TextEncoder().encode("regie/subscription-seal/v1");
const keys = new Map<string, Promise<CryptoKey>>();

function keyFor(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret);
  if (!key) {
    key = crypto.subtle
      .importKey("raw", new TextEncoder().encode(secret), "HKDF", false, ["deriveKey"])
      .then((base) =>
        crypto.subtle.deriveKey({ name: "HKDF", hash: "SHA-256", salt: new Uint8Array(32), info: INFO }, base, { name: "AES-GCM", length: 256 }, false, [
          "encrypt",
          "decrypt",
        ]),
      );
    keys.set(secret, key);
  }
  return key;
}

export type SealPurpose = "patient" | "headers";

export async function seal(plain: string, purpose: SealPurpose, secret: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const ct = new Uint8Array(
    await crypto.subtle.encrypt(
      { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(purpose) },
      await keyFor(secret),
      new TextEncoder().encode(plain),
    ),
  );
  const out = new Uint8Array(iv.length + ct.length);
  out.set(iv);
  out.set(ct, iv.length);
  return "v1." + toBase64url(out);
}

/** The plain text of a sealed value; throws when it was not sealed for this purpose under this key. */
export async function unseal(sealed: string, purpose: SealPurpose, secret: string): Promise<string> {
  if (!sealed.startsWith("v1.")) throw new Error("not a sealed value");
  const bytes = fromBase64url(sealed.slice(3));
  const plain = await crypto.subtle.decrypt(
    { name: "AES-GCM", iv: bytes.slice(0, 12), additionalData: new TextEncoder().encode(purpose) },
    await keyFor(secret),
    bytes.slice(12),
  );
  return new TextDecoder().decode(plain);
}
