// Catalogue search at 5,000 and 50,000 datasets: full text + 2 facets, facets only, and CKAN
// package_search; p50/p95/p99 and req/s, and how latency grows from the small to the large catalogue.
import { performance } from "node:perf_hooks";
import { URLSearchParams } from "node:url";
import { expectOk, measure, QUICK, routeExists } from "../lib/load.mjs";
import { urls } from "../lib/stack.mjs";

const SIZES = (process.env.BENCH_DATASETS ?? (QUICK ? "1000,5000" : "5000,50000")).split(",").map(Number);
const CONNECTIONS = Number(process.env.BENCH_SEARCH_CONNECTIONS ?? 4);

async function total(base) {
  const out = await expectOk(`${base}/v1/datasets?limit=1`);
  return out.total;
}

/** Grows the catalogue to `count` datasets with the catalogue's own development generator. */
async function seedTo(base, count, log) {
  const t0 = performance.now();
  // Grow in steps of 5,000 so no single request runs into the HTTP client's 300 s header timeout.
  for (let step = Math.min(count, (await total(base)) + 5_000); ; step = Math.min(count, step + 5_000)) {
    const res = await fetch(`${base}/dev/seed`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ count: step }) });
    const text = await res.text();
    if (!res.ok) throw new Error(`POST /dev/seed {"count":${step}} answered ${res.status}: ${text.slice(0, 300)}`);
    if (step >= count) break;
  }
  const n = await total(base);
  const seconds = (performance.now() - t0) / 1000;
  log(`  catalogue holds ${n} datasets (seeded in ${seconds.toFixed(1)} s)`);
  return { datasets: n, seconds: Math.round(seconds * 10) / 10 };
}

/** Query words and facet values taken from the catalogue itself, so the queries hit real data. */
async function vocabulary(base) {
  const out = await expectOk(`${base}/v1/datasets?limit=50`);
  const facet = (name) => (out.facets?.[name] ?? []).map((f) => f.value);
  const words = new Map();
  for (const item of out.items ?? []) {
    for (const text of [...Object.values(item.title ?? {}), ...(item.keyword ?? [])]) {
      for (const w of String(text).toLowerCase().split(/[^\p{L}\p{N}]+/u)) if (w.length >= 5) words.set(w, (words.get(w) ?? 0) + 1);
    }
  }
  const ranked = [...words.entries()].sort((a, b) => b[1] - a[1]).map(([w]) => w);
  return {
    words: ranked.slice(0, 30).length ? ranked.slice(0, 30) : ["diabetes"],
    themes: facet("theme").slice(0, 5),
    healthCategories: facet("healthCategory").slice(0, 8),
    accessRights: facet("accessRights").slice(0, 3),
    publishers: facet("publisher").slice(0, 5),
  };
}

function rotating(paths) {
  let i = 0;
  return [{ method: "GET", setupRequest: (req) => ({ ...req, path: paths[i++ % paths.length] }) }];
}

function queries(v) {
  const pick = (list, i) => list[i % Math.max(1, list.length)];
  const fullText = [];
  const facetsOnly = [];
  const ckan = [];
  for (let i = 0; i < 60; i++) {
    const w = pick(v.words, i);
    const p = new URLSearchParams({ q: w, limit: "20" });
    if (v.themes.length) p.append("theme", pick(v.themes, i));
    if (v.healthCategories.length) p.append("healthCategory", pick(v.healthCategories, i * 7));
    fullText.push(`/v1/datasets?${p}`);
    const f = new URLSearchParams({ limit: "20" });
    if (v.healthCategories.length) f.append("healthCategory", pick(v.healthCategories, i));
    if (v.accessRights.length) f.append("accessRights", pick(v.accessRights, i));
    facetsOnly.push(`/v1/datasets?${f}`);
    ckan.push(`/api/3/action/package_search?${new URLSearchParams({ q: w, rows: "20", "facet.field": '["tags","organization"]' })}`);
  }
  return { fullText, facetsOnly, ckan };
}

export async function run({ log }) {
  const base = urls().catalogue;
  if (!(await routeExists(`${base}/v1/datasets`))) return { available: false, reason: "GET /v1/datasets does not exist yet" };
  if (!(await routeExists(`${base}/dev/seed`, { method: "POST" }))) return { available: false, reason: "POST /dev/seed does not exist" };
  const hasCkan = await routeExists(`${base}/api/3/action/package_search`);
  const levels = [];
  for (const size of SIZES) {
    log(`· catalogue: growing to ${size.toLocaleString("en")} datasets`);
    const seeded = await seedTo(base, size, log);
    if (seeded.datasets < size * 0.95) return { available: false, reason: `the development seed stopped at ${seeded.datasets} datasets (asked for ${size})`, levels };
    const v = await vocabulary(base);
    const q = queries(v);
    for (const path of [q.fullText[0], q.facetsOnly[0]]) {
      const out = await expectOk(`${base}${path}`);
      if (typeof out.total !== "number" || !out.facets) throw new Error(`search answered an unexpected shape for ${path}`);
    }
    const level = { datasets: seeded.datasets, seedSeconds: seeded.seconds, sampleQueries: { fullText: q.fullText[0], facetsOnly: q.facetsOnly[0], ckan: q.ckan[0] } };
    log(`  full text + 2 facets (${CONNECTIONS} connections)`);
    level.fullText = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.fullText) });
    log(`  facets only`);
    level.facetsOnly = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.facetsOnly) });
    if (hasCkan) {
      log(`  CKAN package_search`);
      level.ckan = await measure({ url: base, connections: CONNECTIONS, requests: rotating(q.ckan) });
    } else level.ckan = { available: false };
    levels.push(level);
  }
  const small = levels[0];
  const large = levels[levels.length - 1];
  const growth = {};
  for (const k of ["fullText", "facetsOnly", "ckan"]) {
    if (small?.[k]?.p95 && large?.[k]?.p95) growth[k] = Math.round((large[k].p95 / small[k].p95) * 100) / 100;
  }
  const kinds = Object.keys(growth);
  const p95ok = ["fullText", "facetsOnly", "ckan"].every((k) => !large?.[k]?.p95 || (large[k].p95 < 50 && large[k].non2xx === 0));
  return {
    available: true,
    connections: CONNECTIONS,
    levels,
    growthP95: growth,
    target: {
      description: `p95 < 50 ms at ${large?.datasets?.toLocaleString("en")} datasets and growth < 3x from ${small?.datasets?.toLocaleString("en")}`,
      met: levels.length >= 2 ? p95ok && kinds.every((k) => growth[k] < 3) : null,
    },
  };
}
