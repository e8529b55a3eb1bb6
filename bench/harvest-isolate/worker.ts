/**
 * The bench's harvest-memory worker (./wrangler.jsonc): the work of POST /v1/harvest for a document bigger than one
 * invocation (parse, count, data services and series, the chunk objects, the job) and of one harvest-queue message,
 * with the catalogue's own modules, so that the inspector reads the heap of an isolate that does nothing else.
 *
 *   POST /push (Turtle body) -> the job as POST /v1/harvest answers it (202), publisher `rivm`
 *   POST /step?job=<id>      -> one queue message for the job; { job, sent } (the message it would send next)
 */
import { harvestPrefix, readHarvestDocument } from "@regie/catalogue/datasets/service";
import { planResources } from "@regie/catalogue/dcat3/harvest";
import { chunkSize, consumeHarvestMessage } from "@regie/catalogue/harvest-push/consume";
import { HarvestPushRepo } from "@regie/catalogue/harvest-push/repo";
import { startHarvestJob } from "@regie/catalogue/harvest-push/start";
import { datasetsRepo } from "@regie/catalogue/storage/repos";

const PUBLISHER = "rivm";

/** The environment with the queue replaced by a recorder (the bench drives the messages itself). */
function withRecordedQueue(env: Env, sent: unknown[]): Env {
  return { ...env, HARVEST_QUEUE: { send: async (m: unknown) => void sent.push(m) } as unknown as Queue } as Env;
}

export default {
  async fetch(request: Request, env: Env): Promise<Response> {
    const url = new URL(request.url);
    const sent: unknown[] = [];
    if (url.pathname === "/health") return Response.json({ ok: true });
    if (request.method === "POST" && url.pathname === "/push") {
      // as src/routes/harvest.ts after authentication
      const prefix = harvestPrefix();
      const { quads, total } = await readHarvestDocument(await request.text(), "text/turtle", prefix);
      const chunk = chunkSize(env);
      if (total <= chunk) return Response.json({ error: `only ${total} datasets: answered at once, no job` }, { status: 400 });
      const resources = await planResources(env.DB, quads, PUBLISHER);
      if (resources.statements.length) await datasetsRepo(env).commit(resources.statements);
      const job = await startHarvestJob(withRecordedQueue(env, sent), { quads, mediaType: "text/turtle", prefix, total, chunk }, PUBLISHER);
      return Response.json(job, { status: 202 });
    }
    if (request.method === "POST" && url.pathname === "/step") {
      const id = url.searchParams.get("job") ?? "";
      await consumeHarvestMessage(withRecordedQueue(env, sent), { job: id });
      const job = await new HarvestPushRepo(env.DB).get(id);
      return Response.json({ job, sent });
    }
    return new Response("not found", { status: 404 });
  },
} satisfies ExportedHandler<Env>;
