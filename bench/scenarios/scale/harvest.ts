// Harvest of the largest accepted document: generated datasets as Turtle up to just under the 8 MiB body limit,
// POSTed once to /v1/harvest, with the catalogue's workerd RSS and isolate heap before and after.
import { generateDataset } from "@regie/catalogue/generator/generate";
import { datasetToQuads } from "@regie/catalogue/rdf/to-rdf";
import { toTurtle } from "@regie/catalogue/rdf/serialise";
import type { Log } from "../../../scripts/stack";
import type { HeapUsage } from "../../lib/inspector";
import type { Mint, WorkerMemory } from "../../lib/stack";
import { timed } from "./queries";

function largestHarvestDocument(): { turtle: string; datasets: number } {
  const parts: string[] = [];
  let bytes = 0,
    n = 0;
  for (; bytes < 7.9 * 1024 * 1024 && n < 2000; n++) {
    const { publisherId: _p, ...input } = generateDataset(4242, n, undefined, "realistic");
    void _p;
    const ttl = toTurtle(
      datasetToQuads({ ...input, id: `h-${n}`, iri: `https://harvest.example.org/ds/${n}`, publisherId: "rivm", modified: input.modified!, revision: 1 }),
    );
    bytes += ttl.length;
    parts.push(ttl);
  }
  return { turtle: parts.join("\n"), datasets: n };
}

export async function harvestLargest(base: string, mint: Mint, log: Log, probe: { memory(): WorkerMemory | undefined; heap(): Promise<HeapUsage | null> }) {
  const doc = largestHarvestDocument();
  const before = probe.memory();
  const heapBefore = await probe.heap();
  const t = await timed(`${base}/v1/harvest`, {
    method: "POST",
    headers: { authorization: `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`, "content-type": "text/turtle" },
    body: doc.turtle,
  });
  const after = probe.memory();
  const heapAfter = await probe.heap();
  const report = t.status === 200 ? (JSON.parse(t.text) as { imported: unknown[]; rejected: unknown[] }) : null;
  log(
    `  harvest ${(doc.turtle.length / 1048576).toFixed(1)} MiB, ${doc.datasets} datasets: ${t.status} in ${Math.round(t.ms)} ms; workerd RSS ${Math.round((before?.rssBytes ?? 0) / 1e6)} -> ${Math.round((after?.rssBytes ?? 0) / 1e6)} MB, isolate heap ${Math.round((heapBefore?.usedBytes ?? 0) / 1e6)} -> ${Math.round((heapAfter?.usedBytes ?? 0) / 1e6)} MB`,
  );
  return {
    bytes: doc.turtle.length,
    datasets: doc.datasets,
    status: t.status,
    ms: Math.round(t.ms),
    imported: report?.imported.length ?? null,
    rejected: report?.rejected.length ?? null,
    rssBeforeBytes: before?.rssBytes,
    rssAfterBytes: after?.rssBytes,
    peakRssBytes: after?.peakRssBytes,
    heapBefore,
    heapAfter,
    error: report ? undefined : t.text.slice(0, 300),
  };
}
