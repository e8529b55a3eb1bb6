/**
 * The document partitions' configuration checks (src/config.ts): pure, and free of Workers types, so that the
 * deploy-config test in scripts/ can load the worker's requirements.
 */

/** The partitions every deployment binds at least (src/config.ts requires DOCS_0 … DOCS_3). */
export const MIN_PARTITIONS = 4;
export const MAX_PARTITIONS = 64;

export function positiveInteger(value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= max ? n : undefined;
}

export const partitionCountProblem = (value: unknown) =>
  (positiveInteger(value, MAX_PARTITIONS) ?? 0) >= MIN_PARTITIONS
    ? undefined
    : `DOC_PARTITIONS must be a whole number from ${MIN_PARTITIONS} to ${MAX_PARTITIONS}`;
export const capacityProblem = (value: unknown) => (positiveInteger(value) ? undefined : "DOC_PARTITION_CAPACITY must be a positive whole number");
export const chunkProblem = (value: unknown) =>
  positiveInteger(value, 1000) ? undefined : "HARVEST_INVOCATION_DATASETS must be a whole number from 1 to 1000";
