/**
 * Running a harvest source: a job advances in steps, each step one page (a DCAT page and its `hydra:next`, or one
 * CKAN listing page with each package's DCAT), written in ONE D1 batch together with the job's progress, so a
 * dataset is never half-written and a crash repeats at most one step. When the source has no more pages the job
 * withdraws, in steps of WITHDRAW_STEP, the datasets the source brought that it no longer lists, then finishes.
 *
 * Limits per invocation: subrequests come from a Budget (the caller gives at most half of the 1,000 a paid
 * invocation may make); each step is at most one page of ≤ 2,000 datasets (the /v1/harvest bound) and ≤ 4 MiB
 * per response; D1 statements per step stay at a handful plus one or two per dataset. A big source simply continues
 * at the next invocation (the next cron tick, or another POST …/run): the job's `cursor` says where.
 */
import type { OutboundMode } from "@regie/shared/http/outbound-url";
import type { Violation } from "@regie/shared/contracts/catalogue";
import { MAX_HARVEST, nowIso, planHarvest } from "../datasets/service";
import { datasetsFromQuads, type HarvestedDataset } from "../rdf/from-rdf";
import type { Quad } from "../rdf/n3";
import { expand } from "../rdf/namespaces";
import { DatasetsRepo } from "../storage/datasets-repo";
import { planResources } from "../dcat3/harvest";
import { Budget, fetchSource, SourceError } from "./fetch";
import { parseSourceDocument, RDF_ACCEPT } from "./parse-source";
import { HarvestSourcesRepo, type StoredJob, type StoredSource } from "./repo";

export const CKAN_ROWS = 50;
const WITHDRAW_STEP = 100;
const MAX_PAGES = 1000;
const LEASE_MS = 5 * 60_000;
/** Hydra's next page (and `hydra:nextPage`, the older term some CKAN ckanext-dcat versions write) */
const HYDRA_NEXT = [expand("hydra:next"), expand("hydra:nextPage")];

export interface RunOptions {
  mode: OutboundMode;
  budget: Budget;
  /** stop starting steps after this many (per source, per invocation) */
  maxSteps: number;
  fetcher?: typeof fetch;
}

type Rejection = { iri: string; violations: Violation[] };
interface PageResult {
  found: HarvestedDataset[];
  /** the page's statements, for its dcat:DataService and dcat:DatasetSeries */
  quads: Quad[];
  rejections: Rejection[];
  next: string | null;
}

const later = (iso: string, minutes: number) => new Date(Date.parse(iso) + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "Z");

function nextPage(quads: Quad[], current: string): string | null {
  const q = quads.find((x) => HYDRA_NEXT.includes(x.predicate.value) && x.object.termType === "NamedNode");
  if (!q) return null;
  const next = new URL(q.object.value, current).toString();
  return next === current ? null : next;
}

async function dcatPage(url: string, o: RunOptions, prefix: string): Promise<PageResult> {
  const res = await fetchSource(url, o.mode, RDF_ACCEPT, o.fetcher);
  if (res.status !== 200) throw new SourceError(`the source answered ${res.status} for ${url.slice(0, 200)}`);
  const quads = await parseSourceDocument(res.body, res.contentType, prefix);
  return { found: datasetsFromQuads(quads), quads, rejections: [], next: nextPage(quads, res.url) };
}

/** One CKAN listing page (package_search, id order) and each package's DCAT from ckanext-dcat's /dataset/{name}.ttl. */
async function ckanPage(base: string, start: number, o: RunOptions, prefix: string): Promise<PageResult> {
  const root = base.replace(/\/+$/, "");
  const listing = await fetchSource(
    `${root}/api/3/action/package_search?rows=${CKAN_ROWS}&start=${start}&sort=${encodeURIComponent("id asc")}`,
    o.mode,
    "application/json",
    o.fetcher,
  );
  if (listing.status !== 200) throw new SourceError(`the CKAN API answered ${listing.status}`);
  let results: { name?: unknown; id?: unknown }[];
  try {
    results = (JSON.parse(listing.body) as { result: { results: { name?: unknown; id?: unknown }[] } }).result.results;
    if (!Array.isArray(results)) throw new Error();
  } catch {
    throw new SourceError("the CKAN API did not answer a package_search result");
  }
  const found: HarvestedDataset[] = [];
  const all: Quad[] = [];
  const rejections: Rejection[] = [];
  for (const [i, pkg] of results.entries()) {
    const name = typeof pkg.name === "string" ? pkg.name : typeof pkg.id === "string" ? pkg.id : "";
    const url = `${root}/dataset/${encodeURIComponent(name)}.ttl`;
    try {
      if (!/^[\w.~-]{1,200}$/.test(name)) throw new SourceError("the package has no usable name");
      const res = await fetchSource(url, o.mode, RDF_ACCEPT, o.fetcher);
      if (res.status !== 200) throw new SourceError(`its DCAT (${url}) answered ${res.status}`);
      const quads = await parseSourceDocument(res.body, res.contentType, `${prefix}${i}_`);
      found.push(...datasetsFromQuads(quads));
      all.push(...quads);
    } catch (e) {
      if (!(e instanceof SourceError)) throw e;
      rejections.push({ iri: url, violations: [{ path: "", property: "dcat:Dataset", message: `dcat:Dataset: ${e.message}` }] });
    }
  }
  return { found, quads: all, rejections, next: results.length === 0 ? null : String(start + results.length) };
}

async function fetchStep(db: D1Database, s: StoredSource, j: StoredJob, o: RunOptions): Promise<void> {
  const repo = new DatasetsRepo(db);
  const sources = new HarvestSourcesRepo(db);
  const prefix = `s${crypto.randomUUID().replace(/-/g, "").slice(0, 10)}_`;
  const page = s.kind === "dcat" ? await dcatPage(j.cursor ?? s.url, o, prefix) : await ckanPage(s.url, Number(j.cursor ?? 0), o, prefix);
  if (page.found.length > MAX_HARVEST) throw new SourceError(`a page holds ${page.found.length} datasets; at most ${MAX_HARVEST} per page`);
  const { report, statements } = await planHarvest(repo, page.found, s.publisherId, { via: "harvest-source", publisherId: s.publisherId, sourceId: s.id });
  const resources = await planResources(db, page.quads, s.publisherId);
  const done = !page.next || j.pages + 1 >= MAX_PAGES;
  const progress = sources.progressStatements(j, {
    cursor: done ? null : page.next,
    phase: done ? "withdraw" : "fetch",
    pages: 1,
    added: report.imported.filter((i) => i.created).length,
    updated: report.imported.filter((i) => !i.created).length,
    withdrawn: 0,
    rejections: [...page.rejections, ...report.rejected, ...resources.report.rejected.map(({ iri, violations }) => ({ iri, violations }))],
    seen: page.found.map((f) => f.iri),
  });
  const remember = report.imported.length
    ? [
        sources.rememberStatement(
          s.id,
          report.imported.map((i) => ({ iri: i.iri, id: i.id })),
        ),
      ]
    : [];
  await repo.commit([...resources.statements, ...statements, ...remember, ...progress]);
}

/** Withdraws up to WITHDRAW_STEP vanished datasets; true when none are left. */
async function withdrawStep(db: D1Database, s: StoredSource, j: StoredJob): Promise<boolean> {
  const repo = new DatasetsRepo(db);
  const sources = new HarvestSourcesRepo(db);
  const gone = await sources.vanished(s.id, j.id, WITHDRAW_STEP);
  if (gone.length === 0) return true;
  const refs = await repo.refsByIris(gone.map((g) => g.iri));
  const now = nowIso();
  // only what is still there and still this publisher's
  const mine = refs.filter((r) => r.publisherId === s.publisherId);
  await repo.commit([
    ...mine.flatMap((r) => repo.deleteStatements(r, now)),
    ...repo.revisions.withdrawn(
      mine.map((r) => ({ id: r.id, last: r.revision })),
      now,
      { via: "harvest-source", publisherId: s.publisherId, sourceId: s.id },
    ),
    sources.forgetStatement(
      s.id,
      gone.map((g) => g.iri),
    ),
    ...sources.progressStatements(j, { cursor: null, phase: "withdraw", pages: 0, added: 0, updated: 0, withdrawn: mine.length, rejections: [], seen: [] }),
  ]);
  return gone.length < WITHDRAW_STEP;
}

/**
 * Runs (or continues) the source's job for at most `maxSteps` steps within the budget. `force` starts a job even
 * when the source is not due. Returns the job as it stands afterwards (null when none was started).
 */
export async function runSource(db: D1Database, s: StoredSource, o: RunOptions, force = false): Promise<StoredJob | null> {
  const sources = new HarvestSourcesRepo(db);
  const now = nowIso();
  let j = await sources.runningJob(s.id);
  if (!j) {
    if (!force && s.nextRunAt > now) return null;
    const id = crypto.randomUUID();
    await sources.startJob(s, id, now, later(now, s.intervalMinutes));
    j = (await sources.getJob(id))!;
  }
  if (!(await sources.lease(j.id, now, new Date(Date.now() + LEASE_MS).toISOString()))) return j;
  try {
    for (let step = 0; step < o.maxSteps; step++) {
      j = (await sources.getJob(j.id))!;
      if (j.phase === "fetch") {
        const cost = s.kind === "ckan" ? CKAN_ROWS + 1 : 1;
        if (!o.budget.take(cost)) break;
        await fetchStep(db, s, j, o);
      } else if (await withdrawStep(db, s, j)) {
        await sources.finish(j.id, nowIso(), null);
        break;
      }
    }
  } catch (e) {
    if (!(e instanceof SourceError)) throw e;
    await sources.finish(j.id, nowIso(), e.message);
  } finally {
    await sources.release(j.id);
  }
  return sources.getJob(j.id);
}

/** The Cron Trigger: every due source (and every running job) gets steps until the invocation's budget is spent. */
export async function runDueSources(db: D1Database, mode: OutboundMode, fetcher?: typeof fetch): Promise<number> {
  const budget = new Budget(500);
  const due = await new HarvestSourcesRepo(db).due(nowIso(), 10);
  let ran = 0;
  for (const s of due) {
    if (budget.remaining <= 0) break;
    if (await runSource(db, s, { mode, budget, maxSteps: 20, fetcher })) ran++;
  }
  return ran;
}
