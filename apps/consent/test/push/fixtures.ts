/** Fixtures shared by the push tests: the consents a push message carries. */
import type { Choice } from "@regie/shared/contracts/consent";
import { permitInForce } from "../helpers";

/**
 * A consent as the citizen's shard stores it and a push message carries it: a permit of the huisarts to the apotheek
 * for GGC013, version 1, active, recorded by the citizen in the portal, with a fresh id; `over` replaces any field.
 */
export function storedConsent(over: Partial<Choice> = {}): Choice {
  const now = new Date().toISOString();
  return {
    id: crypto.randomUUID(),
    version: 1,
    ...permitInForce("huisarts", "apotheek", "GGC013"),
    recordedBy: { role: "citizen" },
    channel: "portal",
    createdAt: now,
    updatedAt: now,
    ...over,
  };
}
