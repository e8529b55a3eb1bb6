/** The repositories of a request or invocation: the catalogue D1 with this deployment's document partitions. */
import { DatasetsRepo } from "./datasets-repo";
import { documentStore } from "./docs/partitions";
import { SyncRepo } from "./sync-repo";

export const datasetsRepo = (env: Env, db: D1Database = env.DB) => new DatasetsRepo(db, documentStore(env));
export const syncRepo = (env: Env) => new SyncRepo(env.DB, documentStore(env));
