/** Byte encodings used across Regie: base64url (RFC 4648 section 5, no padding; jose's codec) and lower-case hex. */
import { base64url } from "jose";

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** base64url without padding of bytes, or of a string's UTF-8 bytes. */
export function toBase64url(input: Uint8Array | string): string {
  return base64url.encode(input);
}

/** The bytes of a base64url string; throws on anything that is not base64url. */
export function fromBase64url(input: string): Uint8Array {
  return base64url.decode(input);
}

/** The UTF-8 text of a base64url string; throws on anything that is not base64url. */
export function fromBase64urlText(input: string): string {
  return decoder.decode(base64url.decode(input));
}

const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** Lower-case hex of bytes. */
export function toHex(input: ArrayBuffer | Uint8Array): string {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += HEX[bytes[i]!]!;
  return out;
}

/** SHA-256 of a string's UTF-8 bytes, as lower-case hex. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await crypto.subtle.digest("SHA-256", encoder.encode(text)));
}

/** `bytes` random bytes as base64url (e.g. 32 bytes: 43 characters). */
export function randomToken(bytes = 32): string {
  return toBase64url(crypto.getRandomValues(new Uint8Array(bytes)));
}
