// Write, then search (catalogue scenario): how long after a publish or an update the new data is found, and what
// searches cost meanwhile (while the index follows the write).
import { performance } from "node:perf_hooks";
import { URLSearchParams } from "node:url";
import type { DatasetInput } from "@regie/shared/contracts/catalogue";
import { minimalDataset } from "@regie/shared/testing/datasets";
import type { Log } from "../../../scripts/stack";
import { round, sleep, stats, type Spread } from "../../lib/numbers";
import type { Mint } from "../../lib/stack";
import type { SearchPage } from "./mixes";

async function timedGet(url: string): Promise<{ ms: number; body: SearchPage }> {
  const t0 = performance.now();
  const res = await fetch(url);
  const text = await res.text();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`GET ${url} answered ${res.status}: ${text.slice(0, 300)}`);
  return { ms, body: JSON.parse(text) as SearchPage };
}

/** The catalogue tests' minimal dataset, with a marker word in its titles that no other dataset has. */
function probeDataset(marker: string, identifier: string): DatasetInput {
  return minimalDataset({
    identifier,
    title: { en: `Benchmark probe ${marker} heart failure registry`, nl: `Benchmarkproef ${marker} hartfalen register` },
    description: {
      en: "A dataset published by npm run bench to time write-then-search.",
      nl: "Een dataset van npm run bench om schrijven-dan-zoeken te meten.",
    },
    keyword: [{ value: "benchmark", lang: "en" }],
    provenance: [{ label: { en: "Made by the benchmark" } }],
  });
}

async function publishDataset(base: string, auth: string, input: DatasetInput): Promise<{ id: string }> {
  const res = await fetch(`${base}/v1/datasets`, {
    method: "POST",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string };
}

/**
 * One write (publish a new dataset, or update the previous one with a new title) and then: the first search for
 * the word only the new version contains, repeated every 25 ms until the dataset is in the answer, and at the
 * same moment `connections` other searches (popular queries of the full-text mix, which would be cache hits had the
 * catalogue not changed) as bystanders.
 */
type WriteKind = "publish" | "update" | "publishDuringRebuild";

async function writeThenSearchOnce(
  base: string,
  auth: string,
  { kind, marker, previous, bystanders }: { kind: WriteKind; marker: string; previous: { id: string; identifier: string } | null; bystanders: string[] },
) {
  const publish = kind !== "update";
  const id = previous?.id;
  const input = probeDataset(marker, previous?.identifier ?? `BENCH-${marker}`);
  // "publishDuringRebuild": first another write and a search that starts the index rebuild it causes; the timed
  // publish is sent while that search is still waiting (`sentWhileRebuilding` says whether it still was).
  let trigger: { state: { done: boolean }; search: Promise<{ ms: number; found: boolean }> } | null = null;
  if (kind === "publishDuringRebuild") {
    const otherMarker = marker.replace(/n(\d+)q$/, "t$1q"); // not a prefix of the marker, nor the other way round
    const other = await publishDataset(base, auth, probeDataset(otherMarker, `BENCH-${otherMarker}`));
    const state = { done: false };
    const search = timedGet(`${base}/v1/datasets?${new URLSearchParams({ q: otherMarker, limit: "5" })}`).then((r) => {
      state.done = true;
      return { ...r, found: (r.body.items ?? []).some((x) => x.id === other.id) };
    });
    trigger = { state, search };
    await sleep(10);
  }
  const sentWhileRebuilding = trigger ? !trigger.state.done : undefined;
  const t0 = performance.now();
  const res = await fetch(publish ? `${base}/v1/datasets` : `${base}/v1/datasets/${encodeURIComponent(id ?? "")}`, {
    method: publish ? "POST" : "PUT",
    headers: { authorization: auth, "content-type": "application/json" },
    body: JSON.stringify(input),
  });
  const text = await res.text();
  const written = performance.now();
  if (res.status !== (publish ? 201 : 200)) throw new Error(`${kind} answered ${res.status}: ${text.slice(0, 300)}`);
  const doc = JSON.parse(text) as { id: string };
  const others = bystanders.map((path) => timedGet(`${base}${path}`));
  const probeUrl = `${base}/v1/datasets?${new URLSearchParams({ q: marker, limit: "5" })}`;
  let first: { ms: number } | null = null;
  let polls = 0;
  let visible: number | null = null;
  while (performance.now() - written < 60_000) {
    const r = await timedGet(probeUrl);
    polls++;
    first ??= r;
    if ((r.body.items ?? []).some((x) => x.id === doc.id)) {
      visible = performance.now();
      break;
    }
    await sleep(25);
  }
  const during = await Promise.all(others);
  const triggered = trigger ? await trigger.search : null;
  if (triggered && !triggered.found) throw new Error("publishDuringRebuild: the search that started the rebuild did not find its own dataset");
  return {
    kind,
    ...(triggered ? { sentWhileRebuilding, rebuildSearchMs: round(triggered.ms) } : {}),
    id: doc.id,
    writeMs: round(written - t0),
    firstSearchMs: round(first?.ms),
    firstSearchFound: polls === 1 && visible !== null,
    visibleSeconds: visible === null ? null : round((visible - written) / 1000, 3),
    polls,
    bystanderMs: during.map((d) => round(d.ms)),
    doc: { id: doc.id, identifier: input.identifier },
  };
}

interface WriteRun extends Omit<Awaited<ReturnType<typeof writeThenSearchOnce>>, "doc"> {
  doc?: { id: string; identifier: string };
}

export interface WriteStats {
  writeMs: Spread | null;
  firstSearchMs: Spread | null;
  visibleSeconds: Spread | null;
  neverVisible: number;
  sentWhileRebuilding?: number;
  bystanderMs: Spread | null;
  runs: WriteRun[];
}

export async function writeThenSearch(
  base: string,
  mint: Mint,
  bystanderPaths: string[],
  log: Log,
  { repeats, connections }: { repeats: number; connections: number },
) {
  const auth = `Bearer ${await mint({ role: "publisher", publisherId: "rivm" })}`;
  const tag = Math.random()
    .toString(36)
    .slice(2, 8)
    .replace(/[^a-z0-9]/g, "x");
  const out: { repeats: number; concurrentSearches: number } & Partial<Record<WriteKind, WriteStats>> = { repeats, concurrentSearches: connections };
  let previous: { id: string; identifier: string } | null = null;
  let n = 0;
  for (const kind of ["publish", "update", "publishDuringRebuild"] as const) {
    const runs: WriteRun[] = [];
    for (let i = 0; i < repeats; i++) {
      // letters and digits only, ending in "q" so no stem suffix is cut off and no marker is a prefix of another
      const marker = `probe${tag}n${n++}q`;
      const bystanders = Array.from({ length: connections }, (_, j) => bystanderPaths[(n * connections + j) % bystanderPaths.length]!);
      const r: WriteRun = await writeThenSearchOnce(base, auth, { kind, marker, previous: kind === "update" ? previous : null, bystanders });
      if (kind === "publish") previous = r.doc ?? null;
      delete r.doc;
      runs.push(r);
      await sleep(300);
    }
    const k: WriteStats = (out[kind] = {
      writeMs: stats(runs.map((r) => r.writeMs)),
      firstSearchMs: stats(runs.map((r) => r.firstSearchMs)),
      visibleSeconds: stats(runs.map((r) => r.visibleSeconds)),
      neverVisible: runs.filter((r) => r.visibleSeconds === null).length,
      ...(kind === "publishDuringRebuild" ? { sentWhileRebuilding: runs.filter((r) => r.sentWhileRebuilding).length } : {}),
      bystanderMs: stats(runs.flatMap((r) => r.bystanderMs)),
      runs,
    });
    log(
      `    ${kind}: write ${k.writeMs?.median} ms, visible after ${k.visibleSeconds?.median ?? "–"} s (median), first search ${k.firstSearchMs?.median} ms, concurrent searches ${k.bystanderMs?.median} ms (median)`,
    );
  }
  return out;
}
