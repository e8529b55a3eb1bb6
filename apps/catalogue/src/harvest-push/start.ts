/**
 * POST /v1/harvest with more datasets than one invocation writes: the document, parsed once by the request, is
 * split into chunk objects in R2 (HARVEST_DOCS, ./chunks.ts: one per HARVEST_INVOCATION_DATASETS datasets, each
 * written as it is made), then the job goes to D1 and the first message to the queue; the publisher polls
 * GET /v1/harvest/jobs/{id}. In that order, so a message never names a job or a chunk that does not exist (a
 * failure while writing the chunks removes those written; one after them leaves the chunks and a job nobody
 * continues: the job answers `running` with processed 0; see docs/catalogue.md).
 */
import type { HarvestPushJob } from "@regie/shared/contracts/catalogue";
import { nowIso } from "../datasets/service";
import type { Quad } from "../rdf/n3";
import type { RdfMediaType } from "../rdf/parse";
import { writeChunks } from "./chunks";
import type { HarvestMessage } from "./consume";
import { HarvestPushRepo } from "./repo";

export async function startHarvestJob(
  env: Env,
  doc: { quads: Quad[]; mediaType: RdfMediaType; prefix: string; total: number; chunk: number },
  publisherId: string,
): Promise<HarvestPushJob> {
  const id = crypto.randomUUID();
  const createdAt = nowIso();
  await writeChunks(env.HARVEST_DOCS, id, doc.quads, doc.chunk);
  const job = {
    id,
    publisherId,
    status: "running" as const,
    mediaType: doc.mediaType,
    prefix: doc.prefix,
    total: doc.total,
    processed: 0,
    added: 0,
    updated: 0,
    rejected: 0,
    createdAt,
    finishedAt: null,
    error: null,
  };
  await new HarvestPushRepo(env.DB).create(job);
  await env.HARVEST_QUEUE.send({ job: id } satisfies HarvestMessage);
  return { id, status: job.status, createdAt, finishedAt: null, total: doc.total, processed: 0, added: 0, updated: 0, rejected: 0, items: [], error: null };
}
