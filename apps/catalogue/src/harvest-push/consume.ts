/**
 * The harvest queue (HARVEST_QUEUE, consumed by this worker): a message `{ job }` asks for the job's next chunk,
 * the chunk object at the job's progress (./chunks.ts, split off at push). After writing it the consumer sends the
 * next message, so a document continues over as many invocations as it needs, one chunk each. Delivery is at least
 * once: a message for a finished job does nothing (but remove what is left of its objects); one that races another
 * over the same chunk writes nothing (./step.ts); a crash after the write and before the next message is repaired
 * by the redelivery, which finds the job moved on and takes the chunk after. A job whose chunk is gone, or keeps
 * failing, is marked failed (on the last attempt; its datasets so far stay written, each whole). The chunk
 * objects are removed when the job ends, done or failed.
 */
import { z } from "zod";
import { logger } from "@regie/shared";
import { nowIso } from "../datasets/service";
import { datasetsRepo } from "../storage/repos";
import { positiveInteger } from "../storage/docs/limits";
import { deleteChunks, getChunk, legacyBodyKey } from "./chunks";
import { HarvestPushRepo } from "./repo";
import { harvestStep } from "./step";

export const HarvestMessage = z.object({ job: z.string().uuid() });
export type HarvestMessage = z.infer<typeof HarvestMessage>;
/** as wrangler.jsonc's consumer `max_retries` */
export const MAX_ATTEMPTS = 10;

export const chunkSize = (env: Env) => positiveInteger(env.HARVEST_INVOCATION_DATASETS, 1000) ?? 100;

/** One message: the job's next chunk, then the message for the one after (or the chunks' removal when done). */
export async function consumeHarvestMessage(env: Env, message: unknown): Promise<void> {
  const parsed = HarvestMessage.safeParse(message);
  if (!parsed.success) {
    logger.warn("harvest queue: a message that is not a job reference was dropped", { service: "catalogue" });
    return;
  }
  const jobs = new HarvestPushRepo(env.DB);
  const j = await jobs.get(parsed.data.job);
  if (!j) return;
  if (j.status !== "running" || j.processed >= j.total) {
    await deleteChunks(env.HARVEST_DOCS, j.id);
    return;
  }
  const chunk = await getChunk(env.HARVEST_DOCS, j.id, j.processed);
  if (!chunk) {
    // gone because another run finished the job meanwhile (and removed the chunks), or lost: then the job fails
    const now = await jobs.get(j.id);
    if (now?.status === "running") {
      if (now.processed !== j.processed) return; // another run wrote this chunk meanwhile; its message carries on
      const earlier = (await env.HARVEST_DOCS.head(legacyBodyKey(j.id))) ? " (the job was stored whole by an earlier version: push the document again)" : "";
      await jobs.fail(j.id, `the stored chunk of datasets from position ${j.processed} is gone${earlier}`, nowIso());
    }
    await deleteChunks(env.HARVEST_DOCS, j.id);
    return;
  }
  const result = await harvestStep(env.DB, datasetsRepo(env), j, chunk.text, chunk.count);
  if (result === "raced") return;
  const after = await jobs.get(j.id);
  if (after && after.status === "running" && after.processed < after.total) await env.HARVEST_QUEUE.send({ job: j.id } satisfies HarvestMessage);
  else await deleteChunks(env.HARVEST_DOCS, j.id);
}

/** The queue handler: each message acknowledged when handled, retried (with the queue's delay) when it failed. */
export async function harvestQueue(batch: MessageBatch<unknown>, env: Env): Promise<void> {
  for (const m of batch.messages) {
    try {
      await consumeHarvestMessage(env, m.body);
      m.ack();
    } catch (e) {
      logger.error("harvest queue: a chunk failed", { service: "catalogue", attempt: m.attempts, error: String(e).slice(0, 300) });
      if (m.attempts >= MAX_ATTEMPTS) {
        const job = HarvestMessage.safeParse(m.body);
        const why = `a chunk failed ${m.attempts} times: ${String(e).slice(0, 200)}`;
        if (job.success) {
          await new HarvestPushRepo(env.DB).fail(job.data.job, why, nowIso()).catch(() => undefined);
          await deleteChunks(env.HARVEST_DOCS, job.data.job).catch(() => undefined);
        }
        m.ack();
      } else m.retry();
    }
  }
}
