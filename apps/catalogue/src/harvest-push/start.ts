/**
 * POST /v1/harvest with more datasets than one invocation writes: the body goes to R2 (HARVEST_DOCS), the job to
 * D1, and the first message to the queue; the publisher polls GET /v1/harvest/jobs/{id}. In that order, so a
 * message never names a job or a document that does not exist (a failure before the send leaves an R2 object and a
 * job nobody continues: the job answers `running` with processed 0; see docs/catalogue.md).
 */
import type { HarvestPushJob } from "@regie/shared/contracts/catalogue";
import { nowIso } from "../datasets/service";
import type { RdfMediaType } from "../rdf/parse";
import type { HarvestMessage } from "./consume";
import { bodyKey, HarvestPushRepo } from "./repo";

export async function startHarvestJob(
  env: Env,
  doc: { body: string; mediaType: RdfMediaType; prefix: string; total: number },
  publisherId: string,
): Promise<HarvestPushJob> {
  const id = crypto.randomUUID();
  const createdAt = nowIso();
  await env.HARVEST_DOCS.put(bodyKey(id), doc.body, { httpMetadata: { contentType: doc.mediaType } });
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
