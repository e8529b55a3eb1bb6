/** catalogue contracts: a pushed harvest document processed over several invocations (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { Violation } from "./dataset";
import { harvestImportCounts } from "./harvest-sources";

/** What happened to one dataset of the document. */
export const HarvestPushItem = component("HarvestPushItem", {
  /** the dataset's place among the document's datasets (0-based; the order the parsed graph gives, the same on every parse) */
  position: z.number().int(),
  iri: z.string(),
  outcome: z.enum(["added", "updated", "rejected"]),
  /** the catalogue id (null when rejected) */
  id: z.string().nullable(),
  /** why it was rejected */
  violations: z.array(Violation),
  /** the recommended properties of its access level that an imported dataset lacks */
  warnings: z.array(Violation),
});
export type HarvestPushItem = z.infer<typeof HarvestPushItem>;

/**
 * POST /v1/harvest of a document with more datasets than one invocation writes (202): the job, polled at
 * `GET /v1/harvest/jobs/{id}`. Each dataset is written whole or not at all; `processed` grows by one chunk per
 * queue message until it reaches `total` (status `done`).
 */
export const HarvestPushJob = component("HarvestPushJob", {
  id: z.string(),
  status: z.enum(["running", "done", "failed"]),
  createdAt: z.string(),
  finishedAt: z.string().nullable(),
  /** datasets in the document */
  total: z.number().int(),
  /** datasets processed so far (imported or rejected) */
  processed: z.number().int(),
  ...harvestImportCounts,
  rejected: z.number().int(),
  /** one entry per processed dataset */
  items: z.array(HarvestPushItem),
  /** why the job stopped (e.g. storage failing past every retry) */
  error: z.string().nullable(),
});
export type HarvestPushJob = z.infer<typeof HarvestPushJob>;
