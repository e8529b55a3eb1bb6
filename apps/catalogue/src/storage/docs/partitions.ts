/**
 * The document partitions of this deployment: DOC_PARTITIONS databases bound as DOCS_0 … DOCS_{n-1}, each holding
 * at most DOC_PARTITION_CAPACITY documents (wrangler.jsonc; docs/catalogue.md "Beyond one D1 database"). One store
 * per isolate and environment, so each partition's table is ensured once.
 */
import { MAX_PARTITIONS, MIN_PARTITIONS, positiveInteger } from "./limits";
import { D1DocumentStore, type DocumentStore } from "./store";

const stores = new WeakMap<object, DocumentStore>();

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
