/**
 * Fuzzing the DCAT-AP 3 routes: hostile bodies to publish and replace data services and dataset series, hostile
 * ids, cursors and Accept headers on their reads and on dataset revisions. Always a 2xx or a 4xx problem+json,
 * never a 5xx; a refused write stores nothing and leaves the resource as it was.
 */
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { bodyText, checkAnswer, hostileBody, hostileString, uriComponent } from "@regie/shared/testing";
import { BASE, minimalDataset, publish, publisher } from "../helpers";
import { created, serviceInput, seriesInput } from "../dcat3-helpers";

const RUNS = 30;
vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

async function expectSafe(res: Response, context: string) {
  const verdict = await checkAnswer(res);
  expect(verdict.ok, `${context}: ${verdict.why}`).toBe(true);
  return res.status;
}
const text = async (path: string) => {
  const res = await SELF.fetch(`${BASE}${path}`);
  return `${res.status} ${await res.text()}`;
};
const count = async (base: string) => {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await SELF.fetch(`${BASE}${base}?limit=100${cursor ? `&cursor=${cursor}` : ""}`);
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
};

const json = async () => ({ ...(await publisher("rivm")), "content-type": "application/json" });

/** Hostile variants of `valid` sent to `method path`: every answer is safe, and a refused one leaves `state()` as it was. */
const refusedChangesNothing = (method: "POST" | "PUT", path: string, valid: unknown, state: () => Promise<unknown>) =>
  fc.assert(
    fc.asyncProperty(hostileBody(valid), async (body) => {
      const before = await state();
      const t = bodyText(body);
      const res = await SELF.fetch(`${BASE}${path}`, { method, headers: await json(), body: t });
      if ((await expectSafe(res, `${method} ${path} ${t.slice(0, 150)}`)) >= 400) expect(await state()).toBe(before);
    }),
    { numRuns: RUNS },
  );

let service: { id: string };
let series: { id: string };
let dataset: { id: string };

beforeAll(async () => {
  service = await created("/v1/data-services", "rivm", serviceInput());
  series = await created("/v1/dataset-series", "rivm", seriesInput());
  dataset = await publish("rivm", minimalDataset());
});

describe.each([
  ["/v1/data-services", () => serviceInput(), () => service.id],
  ["/v1/dataset-series", () => seriesInput(), () => series.id],
] as const)("%s with hostile input", (base, valid, ownId) => {
  it("POST: a refused body stores nothing", () => refusedChangesNothing("POST", base, valid(), () => count(base)));

  it("PUT: a refused replacement leaves it as it was", () => {
    const path = `${base}/${ownId()}`;
    return refusedChangesNothing("PUT", path, valid(), () => text(path));
  });

  it("GET: hostile ids, cursors and Accept headers", async () => {
    const accept = fc.constantFrom("application/json", "text/turtle", "application/ld+json", "application/rdf+xml", "text/html", "*/*", "", "garbage/;;;");
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, accept, async (id, cursor, acc) => {
        await expectSafe(await SELF.fetch(`${BASE}${base}/${uriComponent(id)}`, { headers: acc ? { accept: acc } : {} }), `GET ${base}/${id.slice(0, 80)}`);
        await expectSafe(await SELF.fetch(`${BASE}${base}?${new URLSearchParams({ cursor, limit: cursor })}`), `GET ${base}?cursor=${cursor.slice(0, 80)}`);
      }),
      { numRuns: RUNS },
    );
  });
});

describe("dataset revisions with hostile input", () => {
  it("hostile ids, revision numbers and cursors", async () => {
    await fc.assert(
      fc.asyncProperty(hostileString, hostileString, async (id, n) => {
        const list = `/v1/datasets/${uriComponent(id)}/revisions?${new URLSearchParams({ cursor: n })}`;
        await expectSafe(await SELF.fetch(`${BASE}${list}`), `revisions of ${id.slice(0, 80)}`);
        await expectSafe(await SELF.fetch(`${BASE}/v1/datasets/${dataset.id}/revisions/${uriComponent(n)}`), `revision ${n.slice(0, 80)}`);
      }),
      { numRuns: RUNS },
    );
  });
});
