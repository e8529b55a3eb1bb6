import { configProblems, logger, modeOf, workerFetch } from "@regie/shared";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { runSync, syncEnabled } from "./address-book/sync";
import { queueHandler } from "./push/consumer";

export { ConsentShard } from "./storage/shard";

/** The deployed worker: configuration checked at start, then the route table of its environment; the push queues; the address-book sync (Cron Trigger). */
export default {
  fetch: workerFetch<Env>({ service: "consent", requirements: REQUIREMENTS, build: buildApp }),
  /** Cron Trigger (wrangler.jsonc `triggers.crons`): the address book's `_history` sync, when a source is configured. */
  async scheduled(_controller, env, _ctx) {
    const mode = modeOf(env as unknown as Record<string, unknown>);
    const problems =
      typeof mode === "string" ? configProblems(env as unknown as Record<string, unknown>, mode, REQUIREMENTS) : [{ name: "ENVIRONMENT", message: mode.error }];
    if (typeof mode !== "string" || problems.length) {
      logger.error("address-book sync skipped: misconfigured", { missing: problems.map((p) => p.name).join(",") });
      return;
    }
    if (!syncEnabled(env.ADDRESS_BOOK_SOURCE)) return;
    try {
      const report = await runSync(env.DB, { source: env.ADDRESS_BOOK_SOURCE, mode });
      logger.info("address-book sync", {
        added: report.added.length,
        changed: report.changed.length,
        deactivated: report.deactivated.length,
        rejected: report.rejected.length,
      });
    } catch (err) {
      logger.error("address-book sync failed", { error: err instanceof Error ? err.message : String(err) });
    }
  },
  queue: (batch, env) => queueHandler(batch, env),
} satisfies ExportedHandler<Env>;
