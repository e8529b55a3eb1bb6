import { logger, workerFetch } from "@regie/shared";
import { configProblems, modeOf } from "@regie/shared/http/worker";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { documentStore } from "./storage/docs/partitions";
import { runDueSources } from "./harvest-sources/run";
import { harvestQueue } from "./harvest-push/consume";
import { backfillDocuments } from "./storage/docs/backfill";
import { sweepOrphans } from "./storage/docs/sweep";
import { backfillQuality } from "./quality/backfill";

/**
 * The deployed worker: configuration checked at start, then the route table of its environment; the Cron Trigger runs
 * due harvest sources and scores datasets stored before the quality score existed (src/quality/backfill.ts).
 */
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
    // rows still holding their documents first scored (src/quality/backfill.ts), then moved to the document
    // partitions (resumable; a row not yet scored is scored as it moves), then unreachable documents deleted
    const scored = await backfillQuality(env.DB, docs);
    if (scored) logger.info("quality backfill", { service: "catalogue", scored });
    const moved = await backfillDocuments(env.DB, docs, 10);
    const swept = await sweepOrphans(env.DB, docs, 10);
    logger.info("document partitions", { service: "catalogue", moved: moved.moved, backfillDone: moved.done, swept });
  },
  // a pushed harvest document, one chunk per message (src/harvest-push/consume.ts)
  queue: (batch, env) => harvestQueue(batch, env),
} satisfies ExportedHandler<Env>;
export { IndexShard } from "./search/shard/index-shard";
