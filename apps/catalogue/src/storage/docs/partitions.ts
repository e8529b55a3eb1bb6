/**
 * The document partitions of this deployment: DOC_PARTITIONS databases bound as DOCS_0 … DOCS_{n-1}, each holding
 * at most DOC_PARTITION_CAPACITY documents (wrangler.jsonc; docs/catalogue.md "Beyond one D1 database"). One store
 * per isolate and environment, so each partition's table is ensured once.
 */
import { D1DocumentStore, type DocumentStore } from "./store";

/** The partitions every deployment binds at least (src/config.ts requires them). */
export const MIN_PARTITIONS = 4;
const MAX_PARTITIONS = 64;

const stores = new WeakMap<object, DocumentStore>();

export function positiveInteger(value: unknown, max = Number.MAX_SAFE_INTEGER): number | undefined {
  const n = typeof value === "string" && /^\d{1,16}$/.test(value) ? Number(value) : NaN;
  return Number.isSafeInteger(n) && n >= 1 && n <= max ? n : undefined;
}

export const partitionCountProblem = (value: unknown) =>
  (positiveInteger(value, MAX_PARTITIONS) ?? 0) >= MIN_PARTITIONS ? undefined : `DOC_PARTITIONS must be a whole number from ${MIN_PARTITIONS} to ${MAX_PARTITIONS}`;
export const capacityProblem = (value: unknown) => (positiveInteger(value) ? undefined : "DOC_PARTITION_CAPACITY must be a positive whole number");

/** The partitions bound in `env` (throws naming the first missing binding). */
export function documentStore(env: Env): DocumentStore {
  let store = stores.get(env);
  if (!store) {
    const vars = env as unknown as Record<string, unknown>;
    const count = positiveInteger(vars.DOC_PARTITIONS, MAX_PARTITIONS) ?? MIN_PARTITIONS;
    const capacity = positiveInteger(vars.DOC_PARTITION_CAPACITY) ?? 1;
    const dbs = Array.from({ length: count }, (_, i) => {
      const db = vars[`DOCS_${i}`] as D1Database | undefined;
      if (typeof db?.prepare !== "function") throw new Error(`DOC_PARTITIONS is ${count} but DOCS_${i} is not bound`);
      return db;
    });
    store = new D1DocumentStore(dbs, capacity);
    stores.set(env, store);
  }
  return store;
}
