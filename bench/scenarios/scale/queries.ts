// The scale mode's queries: uncached full text + 2 facets (every query new: a title word and a Zipf keyword's
// prefix, a theme and a health category) and broad queries (a word in every dataset, with another filter each time
// so no answer is cached), timed one at a time.
import { performance } from "node:perf_hooks";
import { mulberry32 } from "@regie/shared/util/prng";
import { keywordOfRank, zipfRank } from "@regie/catalogue/generator/variety";

export async function timed(url: string, init?: RequestInit): Promise<{ ms: number; status: number; text: string }> {
  const t0 = performance.now();
  const res = await fetch(url, init);
  const text = await res.text();
  return { ms: performance.now() - t0, status: res.status, text };
}

/** `n` distinct query paths from seed `seedNo`. */
export function uncachedQueries(n: number, seedNo: number): string[] {
  const r = mulberry32(seedNo);
  const words = [
    "oncologie",
    "diabetes",
    "register",
    "cohort",
    "hartfalen",
    "dementie",
    "astma",
    "griep",
    "obesitas",
    "zwangerschap",
    "utrecht",
    "rotterdam",
    "survey",
    "biobank",
    "claims",
  ];
  const cats = ["EHRS", "RQSH", "MRMR", "PHDR", "HRAD", "EHCT", "DIOH"];
  const out = new Set<string>();
  while (out.size < n) {
    const q = `${words[Math.floor(r() * words.length)]} ${keywordOfRank(zipfRank(r())).slice(0, 6)}`;
    out.add(`/v1/datasets?q=${encodeURIComponent(q)}&theme=HEAL&healthCategory=${cats[Math.floor(r() * cats.length)]}&limit=${10 + (out.size % 7)}`);
  }
  return [...out];
}

/** q=gegevens (in every generated dataset) with a publisher or a keyword filter, `n` different ones. */
export function broadQueries(n: number): string[] {
  return Array.from(
    { length: n },
    (_, i) => `/v1/datasets?q=gegevens&limit=20${i % 2 ? `&publisher=org-${String(1 + i).padStart(3, "0")}` : `&keyword=${keywordOfRank(i)}`}`,
  );
}

/** Each path once, in order, one connection; throws on an answer that is not 200. */
export async function sequential(base: string, paths: readonly string[]): Promise<{ ms: number[]; totals: number[] }> {
  const ms: number[] = [];
  const totals: number[] = [];
  for (const path of paths) {
    const t = await timed(`${base}${path}`);
    if (t.status !== 200) throw new Error(`${base}${path}: ${t.status} ${t.text.slice(0, 200)}`);
    ms.push(t.ms);
    totals.push((JSON.parse(t.text) as { total: number }).total);
  }
  return { ms, totals };
}
