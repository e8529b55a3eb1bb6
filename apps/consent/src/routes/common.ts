/** Small helpers shared by the route modules. */
import { ApiError, parseIdempotencyKey, routeGroup, type ClaimsOf } from "@regie/shared";
import { askingParty, type AskingParty } from "../decision/asker";
import type { Actor } from "../storage/shard/result";

type Org = { ura: string; organizationType: string };

/** The citizen's own routes (/v1/me/*). */
export const citizen = routeGroup({ tags: ["citizen"], role: "citizen" });
/** A care provider's routes outside /fhir (questions, choices on a patient's behalf, subscriptions). */
export const provider = routeGroup({ tags: ["provider"], role: "provider" });

/** A provider asks only as itself: the URA (and organisation type) in the request must be the token's. */
export function assertSelf(auth: ClaimsOf<"provider">, org: { ura: string; organizationType: string }): void {
  if (org.ura !== auth.ura) throw new ApiError("FORBIDDEN", "You may only ask as your own organisation: the requester URA must be your token's URA");
  if (org.organizationType !== auth.organizationType) throw new ApiError("FORBIDDEN", "The requester organisation type must be your token's organisation type");
}

/**
 * Either party asks (../decision/asker.ts): the token's URA and organisation type must be the holder's or the
 * requester's. Returns who asked, for the log (the holder asks on the requester's behalf).
 */
export function assertParty(auth: ClaimsOf<"provider">, holder: Org, requester: Org): AskingParty {
  const party = askingParty(auth, holder, requester);
  if (!party)
    throw new ApiError("FORBIDDEN", "Only the holder or the requester may ask: your token's URA and organisation type must be the holder's or the requester's");
  return party;
}

export function providerActor(auth: ClaimsOf<"provider">): Actor & { ura: string; organizationType: string } {
  return { role: "provider", ura: auth.ura, organizationType: auth.organizationType, ...(auth.uziRole ? { uziRole: auth.uziRole } : {}) };
}

/** Reads an optional Idempotency-Key header and scopes it to the caller and operation. */
export function idempotencyKey(header: string | undefined, scope: string): string | undefined {
  const key = parseIdempotencyKey(header);
  return key === undefined ? undefined : `${scope}|${key}`;
}
