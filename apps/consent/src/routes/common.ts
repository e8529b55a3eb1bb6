/** Small helpers shared by the route modules. */
import { ApiError, type ClaimsOf } from "@regie/shared";
import type { Actor } from "../storage/shard/result";

export const BEARER = [{ bearer: [] }];

/** A provider asks only as itself: the URA (and organisation type) in the request must be the token's. */
export function assertSelf(auth: ClaimsOf<"provider">, org: { ura: string; organizationType: string }): void {
  if (org.ura !== auth.ura) throw new ApiError("FORBIDDEN", "You may only ask as your own organisation: the requester URA must be your token's URA");
  if (org.organizationType !== auth.organizationType) throw new ApiError("FORBIDDEN", "The requester organisation type must be your token's organisation type");
}

export function providerActor(auth: ClaimsOf<"provider">): Actor & { ura: string; organizationType: string } {
  return { role: "provider", ura: auth.ura, organizationType: auth.organizationType, ...(auth.uziRole ? { uziRole: auth.uziRole } : {}) };
}

/** Reads an optional Idempotency-Key header and scopes it to the caller and operation. */
export function idempotencyKey(header: string | undefined, scope: string): string | undefined {
  if (header === undefined) return undefined;
  const key = header.trim();
  if (!/^[\x21-\x7e]{1,200}$/.test(key)) throw new ApiError("BAD_REQUEST", "Idempotency-Key must be 1 to 200 visible ASCII characters");
  return `${scope}|${key}`;
}
