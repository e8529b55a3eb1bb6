/**
 * Sealing of cookie values as a JWE (jose's EncryptJWT / jwtDecrypt, `dir` + A256GCM) with a key derived
 * (HKDF-SHA-256) from a secret, so a cookie is both confidential (it carries the user's access token, whose
 * payload holds a BSN) and tamper-proof. A value's `exp` (seconds since the epoch), when it has one, is
 * checked on unsealing: an expired value unseals to nothing.
 */
import { EncryptJWT, jwtDecrypt, type JWTPayload } from "jose";

const encoder = new TextEncoder();

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

const HEADER = { alg: "dir", enc: "A256GCM" } as const;

export async function seal(key: CryptoKey, value: object): Promise<string> {
  return new EncryptJWT({ ...(value as JWTPayload) }).setProtectedHeader(HEADER).encrypt(key);
}

/** The sealed value, or undefined when it was tampered with, sealed with another key, expired, or is garbage. */
export async function unseal<T>(key: CryptoKey, sealed: string): Promise<T | undefined> {
  try {
    const { payload } = await jwtDecrypt(sealed, key, { keyManagementAlgorithms: [HEADER.alg], contentEncryptionAlgorithms: [HEADER.enc] });
    return payload as T;
  } catch {
    return undefined;
  }
}
