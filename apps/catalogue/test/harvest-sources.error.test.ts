// A harvest source whose connection drops while its body streams (after the headers, in the middle of a page):
// the job fails with a readable error in its record, is not left running, and the pages before the break stay
// imported; the Cron Trigger's run goes on to the other due sources. Against the local source server's
// /cut/catalog.ttl (test/sources/server.ts).
import { createScheduledController, env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { HarvestJob, HarvestSource } from "@regie/shared/contracts/catalogue";
import worker from "../src/index";
import { BASE, publisher } from "./helpers";

const SOURCE = (env as unknown as { TEST_SOURCE_URL: string }).TEST_SOURCE_URL;

async function call<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const res = await SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...(await publisher("umcu")), "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as T };
}

async function register(path: string, title: string): Promise<HarvestSource> {
  const created = await call<HarvestSource>("POST", "/v1/harvest-sources", { url: `${SOURCE}${path}`, kind: "dcat", title });
  expect(created.status).toBe(201);
  return created.body;
}

const jobs = async (source: HarvestSource) => (await call<{ items: HarvestJob[] }>("GET", `/v1/harvest-sources/${source.id}/jobs`)).body.items;

describe("a source whose body stream fails mid-read", () => {
  it("run by hand: the job fails with a readable error, is not left running, the whole pages before stay imported", async () => {
    const source = await register("/cut/catalog.ttl?after=2", "breaks on page 2");
    const run = await call<HarvestJob>("POST", `/v1/harvest-sources/${source.id}/run`);
    expect(run.status).toBe(200);
    expect(run.body).toMatchObject({ status: "failed", pages: 1, added: 1 });
    expect(run.body.error).toMatch(/^the source's answer broke off after \d+ bytes/);
    expect((await SELF.fetch(`${BASE}/v1/datasets/cut-p1`)).status).toBe(200);
    expect((await SELF.fetch(`${BASE}/v1/datasets/cut-p2`)).status).toBe(404);
    // the record says the same, and a next run starts a new job (none is left running)
    expect(await jobs(source)).toEqual([expect.objectContaining({ id: run.body.id, status: "failed", error: run.body.error })]);
    const again = await call<HarvestJob>("POST", `/v1/harvest-sources/${source.id}/run`);
    expect(again.body).toMatchObject({ status: "failed" });
    expect(again.body.id).not.toBe(run.body.id);
  });

  it("in the Cron Trigger's run: that job fails, the other due sources are still harvested", async () => {
    const cut = await register("/cut/catalog.ttl", "breaks on page 1");
    const good = await register("/dcat3/catalog.ttl", "a good source");
    await worker.scheduled(createScheduledController({ scheduledTime: Date.now(), cron: "*/10 * * * *" }), env as never);
    const [failed] = await jobs(cut);
    expect(failed).toMatchObject({ status: "failed", pages: 0, added: 0 });
    expect(failed!.error).toMatch(/^the source's answer broke off after \d+ bytes/);
    expect((await jobs(good))[0]).toMatchObject({ status: "done", error: null });
  });
});
