/**
 * Token verification with a per-isolate cache of verified claims: a token string is verified (signature, issuer,
 * audience, expiry, claims) once per isolate and afterwards found in a map until its `exp`. Tokens that fail are
 * never cached. The cache is kept per TRUSTED_ISSUERS value, so changing the trusted keys starts afresh.
 */
import { fromBase64urlText } from "../util/encoding";
import type { Claims } from "./claims";
import { parseTrustedIssuers, verifyToken } from "./verify";

export interface VerifiedToken {
  claims: Claims;
  /** The `iss` of the verified token. */
  issuer: string;
}

interface Entry extends VerifiedToken {
  expMs: number;
}

const MAX_ENTRIES = 10_000;
const caches = new Map<string, Map<string, Entry>>();

/** The payload of a token that has already been verified (so it is well-formed). */
function payloadOf(token: string): { exp?: unknown; iss?: unknown } {
  return JSON.parse(fromBase64urlText(token.split(".")[1] ?? "")) as { exp?: unknown; iss?: unknown };
}

export async function verifyTokenCached(token: string, trustedIssuersRaw: string, audience: string): Promise<VerifiedToken> {
  let cache = caches.get(trustedIssuersRaw);
  if (!cache) {
    if (caches.size >= 8) caches.clear();
    caches.set(trustedIssuersRaw, (cache = new Map()));
  }
  const key = audience + "\u0000" + token;
  const hit = cache.get(key);
  if (hit && hit.expMs > Date.now()) return hit;
  const claims = await verifyToken(token, { trustedIssuers: parseTrustedIssuers(trustedIssuersRaw), audience });
  const { exp, iss } = payloadOf(token);
  const entry: Entry = { claims, issuer: String(iss), expMs: typeof exp === "number" ? exp * 1000 : 0 };
  if (entry.expMs > 0) {
    if (cache.size >= MAX_ENTRIES) cache.clear();
    cache.set(key, entry);
  }
  return entry;
}
