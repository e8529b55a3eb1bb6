import { logger, workerFetch } from "@regie/shared";
import { configProblems, modeOf } from "@regie/shared/http/worker";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { runDueSources } from "./harvest-sources/run";
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
    const ran = await runDueSources(env.DB, mode);
    logger.info("scheduled harvest", { service: "catalogue", sources: ran });
    const scored = await backfillQuality(env.DB);
    if (scored) logger.info("quality backfill", { service: "catalogue", scored });
  },
} satisfies ExportedHandler<Env>;
export { IndexShard } from "./search/shard/index-shard";
