// Harvest sources Regie pulls, against a local HTTP server (test/sources/server.ts, started by vitest.config.ts):
// a DCAT-AP catalogue in two Hydra pages and a CKAN site. Harvested through the scheduled handler; a dataset
// removed at the source is withdrawn on the next run; the non-conformant one is reported, the rest imported.
import { createScheduledController, env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { HarvestJob, HarvestSource } from "@regie/shared/contracts/catalogue";
import worker from "../src/index";
import { BASE, publisher } from "./helpers";

const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;

async function api<T>(method: string, path: string, body?: unknown, who = "rivm"): Promise<{ status: number; body: T }> {
  const res = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...(await publisher(who)), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function cronTick() {
  // the deployed worker's own scheduled handler, as the Cron Trigger calls it
  await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/10 * * * *" }), env as never);
}

const status = async (id: string) => (await SELF.fetch(`${BASE}/v1/datasets/${id}`)).status;

beforeAll(async () => {
  await fetch(`${SOURCE}/control/reset`, { method: "POST" });
});

describe.each([
  ["dcat", "/dcat/catalog.ttl", "dcat"],
  ["ckan", "/ckan", "ckan"],
] as const)("a %s source", (kind, path, prefix) => {
  let source: HarvestSource;

  it("is registered, harvested by the Cron Trigger: conformant datasets imported, the other reported with its violations", async () => {
    const created = await api<HarvestSource>("POST", "/v1/harvest-sources", { url: `${SOURCE}${path}`, kind, title: `test ${kind}` });
    expect(created.status).toBe(201);
    source = created.body;
    expect(source).toMatchObject({ kind, publisherId: "rivm", lastJob: null });

    await cronTick();
    const jobs = await api<{ items: HarvestJob[] }>("GET", `/v1/harvest-sources/${source.id}/jobs`);
    expect(jobs.body.items).toHaveLength(1);
    const job = jobs.body.items[0]!;
    expect(job).toMatchObject({ status: "done", added: 3, updated: 0, withdrawn: 0, rejected: 1, error: null });
    expect(job.pages).toBe(kind === "dcat" ? 2 : 2); // DCAT: two Hydra pages; CKAN: one page of 4 and the empty page
    expect(job.rejections[0]!.violations.map((v) => v.property)).toContain("healthdcatap:hdab");
    for (const n of ["one", "two", "three"]) expect(await status(`${prefix}-${n}`)).toBe(200);
    expect(await status(`${prefix}-broken`)).toBe(404);
  });

  it("withdraws a dataset that vanished from the source when run again, and updates the others", async () => {
    await fetch(`${SOURCE}/control/remove?name=two`, { method: "POST" });
    try {
      const run = await api<HarvestJob>("POST", `/v1/harvest-sources/${source.id}/run`);
      expect(run.status).toBe(200);
      expect(run.body).toMatchObject({ status: "done", added: 0, updated: 2, withdrawn: 1, rejected: 1 });
      expect(await status(`${prefix}-two`)).toBe(404);
      expect(await status(`${prefix}-one`)).toBe(200);
      const listed = await api<{ items: HarvestSource[] }>("GET", "/v1/harvest-sources");
      expect(listed.body.items.find((s) => s.id === source.id)!.lastJob!.withdrawn).toBe(1);
      // a harvester of Regie learns of the withdrawal too
      const ttl = await (await SELF.fetch(`${BASE}/catalog.ttl?modified_since=2000-01-01`)).text();
      expect(ttl).toContain(`${prefix}-two>`);
      expect(ttl).toContain("activitystreams#Delete");
    } finally {
      await fetch(`${SOURCE}/control/reset`, { method: "POST" });
    }
  });

  it("is only its publisher's: another publisher gets 403", async () => {
    expect((await api("GET", `/v1/harvest-sources/${source.id}/jobs`, undefined, "umcu")).status).toBe(403);
    expect((await api("POST", `/v1/harvest-sources/${source.id}/run`, undefined, "umcu")).status).toBe(403);
  });
});

describe("harvest source input", () => {
  it("422 for a source URL the guard refuses, 400 for a bad body", async () => {
    for (const url of ["ftp://example.org/x", "http://10.0.0.1/catalog.ttl", "https://169.254.169.254/latest", "http://example.org/catalog.ttl"]) {
      const res = await api<{ errors: { path: string }[] }>("POST", "/v1/harvest-sources", { url, kind: "dcat" });
      expect(res.status, url).toBe(422);
    }
    expect((await api("POST", "/v1/harvest-sources", { url: "https://x.example/c", kind: "ftp" })).status).toBeGreaterThanOrEqual(400);
  });

  it("a source that is down fails its job with the reason, not the invocation", async () => {
    const created = await api<HarvestSource>("POST", "/v1/harvest-sources", { url: `${SOURCE}/nothing-here.ttl`, kind: "dcat" });
    const run = await api<HarvestJob>("POST", `/v1/harvest-sources/${created.body.id}/run`);
    expect(run.body).toMatchObject({ status: "failed" });
    expect(run.body.error).toContain("404");
  });
});
