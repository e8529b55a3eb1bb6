/**
 * The scheduled `_history?_since=` sync against a local HTTP server (test/address-book/history-server.ts):
 * pages and next links, `_since` moving on, idempotence, all or nothing per organisation, deletions, the guard and
 * the timeout, and the real `scheduled` handler.
 */
import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, inject, it } from "vitest";
import worker from "../../src/index";
import { runSync } from "../../src/address-book/sync";
import { org, orgEntries, storedOrganisation as stored } from "./bundles";

const server = `http://127.0.0.1:${inject("historyServerPort")}`;
const script = async (pages: Record<string, unknown>, delayMs = 0) => {
  const r = await fetch(`${server}/__script`, { method: "PUT", body: JSON.stringify({ pages, delayMs }) });
  expect(r.status).toBe(204);
};
const asked = async () => (await (await fetch(`${server}/__requests`)).json()) as string[];
const history = (entries: unknown[], next?: string) => ({
  resourceType: "Bundle",
  type: "history",
  entry: entries,
  ...(next ? { link: [{ relation: "next", url: next }] } : {}),
});

const x = org("sx", "64000001", "Huisartsenpraktijk Zandvoort", "Z3", "Zandvoort", [{ id: "sx-e", address: "https://zandvoort.example/fhir" }]);
const y = org("sy", "64000002", "Apotheek Bloemendaal", "J8", "Bloemendaal");

describe("address-book sync from a _history source", () => {
  it("follows next links, loads every page, then asks only for changes since the last run", async () => {
    const source = `${server}/zab-a`;
    await script({ "/zab-a/_history": history(orgEntries(x), `${server}/zab-a/_history?page=2`), "/zab-a/_history?page=2": history(orgEntries(y)) });
    const first = await runSync(env.DB, { source, mode: "development" });
    expect(first.added.sort()).toEqual(["64000001", "64000002"]);
    expect(await stored("64000002")).toMatchObject({ name: "Apotheek Bloemendaal", place: "Bloemendaal", active: 1 });

    const state = await env.DB.prepare("SELECT last_since FROM address_book_sync WHERE source = ?").bind(source).first<{ last_since: string }>();
    expect(state!.last_since).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    const since = `/zab-a/_history?_since=${encodeURIComponent(state!.last_since)}`;
    // the second run: the same versions again (idempotent: nothing written) plus a newer version of y; history lists the newest first
    await script({ [since]: history([...orgEntries({ ...y, name: "Apotheek Bloemendaal-Centrum" }), ...orgEntries(y), ...orgEntries(x)]) });
    const second = await runSync(env.DB, { source, mode: "development" });
    expect(await asked()).toEqual([since]);
    expect(second).toMatchObject({ added: [], changed: ["64000002"], unchanged: 1 });
    expect((await stored("64000002"))!.name).toBe("Apotheek Bloemendaal-Centrum");
  });

  it("is all or nothing per organisation and marks a DELETE as closed (still resolvable)", async () => {
    const source = `${server}/zab-b`;
    const good = org("sg", "64000011", "Verloskundigenpraktijk Heemstede", "G3", "Heemstede");
    const bad = org("sb", "64000012", "Thuiszorg Haarlem", "T2", "Haarlem", [{ id: "sb-e", address: "ftp://nope" }]);
    await script({ "/zab-b/_history": history([...orgEntries(good), ...orgEntries(bad)]) });
    const r = await runSync(env.DB, { source, mode: "development" });
    expect(r.added).toEqual(["64000011"]);
    expect(r.rejected).toEqual([expect.objectContaining({ ura: "64000012" })]);
    expect(await stored("64000012")).toBeNull();

    const { last_since } = (await env.DB.prepare("SELECT last_since FROM address_book_sync WHERE source = ?").bind(source).first<{ last_since: string }>())!;
    await script({
      [`/zab-b/_history?_since=${encodeURIComponent(last_since)}`]: history([{ request: { method: "DELETE", url: "Organization/sg/_history/2" } }]),
    });
    const closed = await runSync(env.DB, { source, mode: "development" });
    expect(closed.deactivated).toEqual(["64000011"]);
    expect(await stored("64000011")).toMatchObject({ name: "Verloskundigenpraktijk Heemstede", active: 0 });
  });

  it("keeps _since where it was when a run fails, and records the error", async () => {
    const source = `${server}/zab-c`;
    await script({ "/zab-c/_history": { status: 500 } });
    await expect(runSync(env.DB, { source, mode: "development" })).rejects.toThrow(/answered 500/);
    const row = await env.DB.prepare("SELECT last_since, last_error FROM address_book_sync WHERE source = ?")
      .bind(source)
      .first<{ last_since: string | null; last_error: string }>();
    expect(row).toMatchObject({ last_since: null, last_error: expect.stringContaining("500") });
  });

  it("refuses the local server in production (SSRF guard), a redirect, a next link to another origin, and times out", async () => {
    await expect(runSync(env.DB, { source: `${server}/zab-d`, mode: "production" })).rejects.toThrow(/only https/);
    await expect(runSync(env.DB, { source: "https://10.0.0.7/fhir", mode: "production" })).rejects.toThrow(/private/);
    await script({ "/zab-e/_history": { status: 302, location: "http://169.254.169.254/" } });
    await expect(runSync(env.DB, { source: `${server}/zab-e`, mode: "development" })).rejects.toThrow(/redirect/);
    await script({ "/zab-f/_history": history([], "http://localhost:1/elsewhere") });
    await expect(runSync(env.DB, { source: `${server}/zab-f`, mode: "development" })).rejects.toThrow(/origin/);
    await script({ "/zab-g/_history": history([]) }, 1500);
    await expect(runSync(env.DB, { source: `${server}/zab-g`, mode: "development", timeoutMs: 200 })).rejects.toThrow(/within 200 ms/);
  });

  it("runs from the worker's scheduled handler (Cron Trigger)", async () => {
    const source = `${server}/zab-h`;
    const z = org("sz", "64000021", "Hospice Kennemerland", "H2", "Haarlem");
    await script({ "/zab-h/_history": history(orgEntries(z)) });
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.now() }), { ...env, ADDRESS_BOOK_SOURCE: source }, ctx);
    await waitOnExecutionContext(ctx);
    expect(await stored("64000021")).toMatchObject({ name: "Hospice Kennemerland", place: "Haarlem" });
    // "off" does nothing
    await script({});
    await worker.scheduled(createScheduledController({ cron: "*/15 * * * *", scheduledTime: Date.now() }), env, ctx);
    expect(await asked()).toEqual([]);
  });
});
