/**
 * BSN pseudonymisation: HMAC-SHA-256 keyed by a secret binding (PSEUDONYM_KEY).
 * The raw BSN is used only as HMAC input; it is never stored or logged.
 */
import { toHex } from "../util/encoding";

const keyCache = new Map<string, Promise<CryptoKey>>();
const encoder = new TextEncoder();

function importKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    keyCache.set(secret, key);
  }
  return key;
}

/** A stable pseudonym (64 hex chars) for a BSN under the given secret. */
export async function pseudonymise(bsn: string, secret: string): Promise<string> {
  if (!secret || secret.length < 16) throw new Error("PSEUDONYM_KEY is missing or shorter than 16 characters");
  const key = await importKey(secret);
  return toHex(await crypto.subtle.sign("HMAC", key, encoder.encode("bsn:" + bsn)));
}

/** Which shard (0..count-1) owns a pseudonym: the first 32 bits modulo the shard count. */
export function shardOf(pseudonym: string, shardCount: number): number {
  if (!Number.isInteger(shardCount) || shardCount < 1) throw new Error("shard count must be a positive integer");
  return parseInt(pseudonym.slice(0, 8), 16) % shardCount;
}
