/** catalogue contracts: harvest sources that Regie pulls (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component, strictComponent } from "../component";
import { Violation } from "./dataset";

// ---------------------------------------------------------------------------------------------- harvest sources

/**
 * A source a publisher registers: a DCAT-AP catalogue URL (Turtle, JSON-LD or RDF/XML; `hydra:next` paging is
 * followed) or the base URL of a CKAN site (its Action API lists the datasets, ckanext-dcat's `/dataset/{name}.ttl`
 * gives each one's DCAT). Every `intervalMinutes` (default daily) the Cron Trigger runs it.
 */
export const HarvestSourceInput = strictComponent("HarvestSourceInput", {
  url: z.string().url().max(2000),
  kind: z.enum(["dcat", "ckan"]),
  title: z.string().min(1).max(200).optional(),
  intervalMinutes: z.number().int().min(60).max(43_200).default(1440),
});
export type HarvestSourceInput = z.input<typeof HarvestSourceInput>;

export const HarvestJobStatus = z.enum(["running", "done", "failed"]);
/** The datasets a harvest job imported so far: new ones it added, ones the catalogue held that it updated (a pull's and a push's). */
export const harvestImportCounts = { added: z.number().int(), updated: z.number().int() };

/** One run of a source: what it added, updated, withdrew and rejected (with each rejected dataset's violations). */
export const HarvestJob = component("HarvestJob", {
  id: z.string(),
  sourceId: z.string(),
  status: HarvestJobStatus,
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** pages (DCAT) or listing pages (CKAN) read so far */
  pages: z.number().int(),
  ...harvestImportCounts,
  withdrawn: z.number().int(),
  rejected: z.number().int(),
  rejections: z.array(z.object({ iri: z.string(), violations: z.array(Violation) })),
  /** why the job failed (an unreachable or refused source, a document that does not parse) */
  error: z.string().nullable(),
});
export type HarvestJob = z.infer<typeof HarvestJob>;

export const HarvestSource = component("HarvestSource", {
  id: z.string(),
  publisherId: z.string(),
  url: z.string(),
  kind: z.enum(["dcat", "ckan"]),
  title: z.string().nullable(),
  intervalMinutes: z.number().int(),
  createdAt: z.string(),
  nextRunAt: z.string(),
  lastJob: HarvestJob.nullable(),
});
export type HarvestSource = z.infer<typeof HarvestSource>;

export const HarvestSourceList = component("HarvestSourceList", { items: z.array(HarvestSource) });
export const HarvestJobList = component("HarvestJobList", { items: z.array(HarvestJob) });
