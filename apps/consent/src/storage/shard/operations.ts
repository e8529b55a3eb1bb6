/** The operations the worker may call on a ConsentShard, and the check every such call passes first. */
import { shardOf } from "@regie/shared";
import { SHARD_COUNT_REFUSED, type Placement } from "../shard-count";

/**
 * The operations the worker may call, always through `run` (which checks the caller's shard count first); see
 * `shardStub` in ./shards.ts. Everything else on the object is for tests and operations (runInDurableObject).
 */
export const SHARD_OPERATIONS = [
  "check",
  "locate",
  "listChoices",
  "history",
  "record",
  "change",
  "withdraw",
  "confirm",
  "pendingCount",
  "subscribe",
  "unsubscribe",
  "temporaryConsent",
  "notifications",
  "accessLog",
  "verifyLog",
  "fhirChoices",
  "secondaryUse",
  "setSecondaryUse",
  "recordMany",
  "seedCitizen",
  "fhirRecord",
  "fhirUpdate",
  "fhirImport",
  "provenance",
] as const;
export type ShardOperation = (typeof SHARD_OPERATIONS)[number];
const OPERATIONS: ReadonlySet<string> = new Set(SHARD_OPERATIONS);

/**
 * Refuses (throws) a call that is not one of the operations above, or whose citizen(s) do not belong to this shard
 * under the caller's shard count; nothing is read or written then.
 */
export function checkCall(placement: Placement, op: string, args: unknown[]): asserts op is ShardOperation {
  if (!OPERATIONS.has(op)) throw new Error(`Not a shard operation: ${String(op)}`);
  const citizens = op === "recordMany" ? (args[0] as { citizen: string }[]).map((i) => i.citizen) : [args[0] as string];
  for (const c of citizens) {
    if (typeof c !== "string" || shardOf(c, placement.of) !== placement.shard)
      throw new Error(
        SHARD_COUNT_REFUSED + `A citizen in this call does not belong to shard-${placement.shard} of ${placement.of}; nothing was read or written.`,
      );
  }
}
