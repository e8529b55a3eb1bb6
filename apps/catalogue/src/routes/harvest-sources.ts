/** Harvest sources Regie pulls (publisher): register, list, run now, job history. The Cron Trigger runs due ones. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { checkOutboundUrl } from "@regie/shared/http/outbound-url";
import { modeOf } from "@regie/shared/http/worker";
import { HarvestJob, HarvestJobList, HarvestSource, HarvestSourceInput, HarvestSourceList } from "@regie/shared/contracts/catalogue";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import { Budget } from "../harvest-sources/fetch";
import { HarvestSourcesRepo, type StoredJob, type StoredSource } from "../harvest-sources/repo";
import { runSource } from "../harvest-sources/run";
import { idParam, publisher } from "./common";
import { documentStore } from "../storage/docs/partitions";

const IdParam = idParam(100);
const publicJob = ({ cursor: _c, phase: _p, ...j }: StoredJob): HarvestJob => j;
const mode = (env: AppEnv["Bindings"]) => (modeOf(env as unknown as Record<string, unknown>) === "development" ? "development" : "production");

async function owned(repo: HarvestSourcesRepo, id: string, publisherId: string): Promise<StoredSource> {
  const s = await repo.get(id);
  if (!s) throw new ApiError("NOT_FOUND", `No harvest source ${id}`);
  if (s.publisherId !== publisherId) throw new ApiError("FORBIDDEN", "Only the source's own publisher may see or run it");
  return s;
}

async function withLastJob(repo: HarvestSourcesRepo, s: StoredSource): Promise<HarvestSource> {
  const [last] = await repo.jobs(s.id, 1);
  return { ...s, lastJob: last ? publicJob(last) : null };
}

/** Registering a harvest source: its URL is checked for production's outbound rules before anything is stored. */
const registerSource = publisher
  .post("/v1/harvest-sources", "Register a harvest source (publisher)", { json: HarvestSourceInput })
  .describe(
    "A DCAT-AP catalogue URL (Turtle or JSON-LD; hydra:next paging is followed) or a CKAN site (package_search in id order, each package's DCAT from ckanext-dcat's /dataset/{name}.ttl). It is due at once; the Cron Trigger then runs it every intervalMinutes. In production the URL must be https and not a private, loopback or link-local address.",
  )
  .created(HarvestSource, "The registered source", 400, 401, 403, 422);

export function harvestSourceRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(registerSource, async (c) => {
    const input = c.req.valid("json");
    const verdict = checkOutboundUrl(input.url, mode(c.env));
    if (!verdict.ok)
      throw new ApiError("UNPROCESSABLE", `The source URL is refused: ${verdict.reason}`, { errors: [{ path: "/url", message: verdict.reason }] });
    const now = nowIso();
    const s: StoredSource = {
      id: crypto.randomUUID(),
      publisherId: c.get("auth").publisherId,
      url: verdict.url.toString(),
      kind: input.kind,
      title: input.title ?? null,
      intervalMinutes: input.intervalMinutes ?? 1440,
      createdAt: now,
      nextRunAt: now,
    };
    await new HarvestSourcesRepo(c.env.DB).create(s);
    return c.json({ ...s, lastJob: null }, 201, { location: `/v1/harvest-sources/${s.id}` });
  });

  app.openapi(
    publisher.get("/v1/harvest-sources", "Your harvest sources with their last job (publisher)").ok(HarvestSourceList, "Your sources", 401, 403),
    async (c) => {
      const repo = new HarvestSourcesRepo(c.env.DB);
      const sources = await repo.listByPublisher(c.get("auth").publisherId);
      return c.json({ items: await Promise.all(sources.map((s) => withLastJob(repo, s))) }, 200);
    },
  );

  app.openapi(
    publisher.get("/v1/harvest-sources/{id}", "One harvest source (its publisher)", { params: IdParam }).ok(HarvestSource, "The source", 401, 403, 404),
    async (c) => {
      const repo = new HarvestSourcesRepo(c.env.DB);
      return c.json(await withLastJob(repo, await owned(repo, c.req.valid("param").id, c.get("auth").publisherId)), 200);
    },
  );

  app.openapi(
    publisher
      .post("/v1/harvest-sources/{id}/run", "Run a harvest source now (its publisher)", { params: IdParam })
      .describe(
        "Starts a job (or continues the running one) and runs it as far as this request's budget allows (500 subrequests, 20 pages); a job still `running` afterwards continues at the next cron tick or the next call.",
      )
      .ok(HarvestJob, "The job as it stands", 401, 403, 404),
    async (c) => {
      const repo = new HarvestSourcesRepo(c.env.DB);
      const s = await owned(repo, c.req.valid("param").id, c.get("auth").publisherId);
      const job = await runSource(c.env.DB, s, { mode: mode(c.env), docs: documentStore(c.env), budget: new Budget(500), maxSteps: 20 }, true);
      return c.json(publicJob(job!), 200);
    },
  );

  app.openapi(
    publisher
      .get("/v1/harvest-sources/{id}/jobs", "Job history of a harvest source, newest first (its publisher)", { params: IdParam })
      .ok(HarvestJobList, "The last 50 jobs", 401, 403, 404),
    async (c) => {
      const repo = new HarvestSourcesRepo(c.env.DB);
      const s = await owned(repo, c.req.valid("param").id, c.get("auth").publisherId);
      return c.json({ items: (await repo.jobs(s.id)).map(publicJob) }, 200);
    },
  );
}
