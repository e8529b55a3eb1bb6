import { logger, workerFetch } from "@regie/shared";
import { configProblems, modeOf } from "@regie/shared/http/worker";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { documentStore } from "./storage/docs/partitions";
import { runDueSources } from "./harvest-sources/run";
import { harvestQueue } from "./harvest-push/consume";
import { backfillDocuments } from "./storage/docs/backfill";
import { sweepOrphans } from "./storage/docs/sweep";

/** The deployed worker: configuration checked at start, then the route table of its environment; the Cron Trigger runs due harvest sources. */
export default {
  fetch: workerFetch<Env>({ service: "catalogue", requirements: REQUIREMENTS, build: buildApp }),
  async scheduled(_controller, env) {
    const vars = env as unknown as Record<string, unknown>;
    const mode = modeOf(vars);
    if (typeof mode !== "string" || configProblems(vars, mode, REQUIREMENTS).length > 0) {
      logger.error("scheduled harvest skipped: configuration incomplete", { service: "catalogue" });
      return;
    }
    // awaited, not waitUntil: the invocation lasts as long as the harvest steps (each bounded, see harvest-sources/run.ts)
    const docs = documentStore(env);
    const ran = await runDueSources(env.DB, docs, mode);
    logger.info("scheduled harvest", { service: "catalogue", sources: ran });
    // document partitions: move rows written before migration 0060 (resumable), delete unreachable documents
    const moved = await backfillDocuments(env.DB, docs, 10);
    const swept = await sweepOrphans(env.DB, docs, 10);
    logger.info("document partitions", { service: "catalogue", moved: moved.moved, backfillDone: moved.done, swept });
  },
  // a pushed harvest document, one chunk per message (src/harvest-push/consume.ts)
  queue: (batch, env) => harvestQueue(batch, env),
} satisfies ExportedHandler<Env>;
export { IndexShard } from "./search/shard/index-shard";
