// Grows the catalogue with its own development generator (POST /dev/seed), in steps of 5,000 so no single request
// runs into the HTTP client's 300 s header timeout. The seed grows the catalogue to a count, so a request cut off
// because wrangler dev reloaded the worker ("restarted mid-request") or a dropped connection is simply sent again.
import { performance } from "node:perf_hooks";
import type { Log } from "../../../scripts/stack";
import { sleep } from "../../lib/numbers";

const STEP = 5_000;

/** Grows to `count` datasets (the seed's count includes the demo datasets); answers the seconds it took. */
export async function growCatalogue(base: string, count: number, log: Log, { from = 0, variety }: { from?: number; variety?: "realistic" } = {}) {
  const t0 = performance.now();
  for (let step = Math.min(count, from + STEP); ; step = Math.min(count, step + STEP)) {
    for (let attempt = 1; ; attempt++) {
      let status = 0,
        text: string;
      try {
        const res = await fetch(`${base}/dev/seed`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ count: step, ...(variety ? { variety } : {}) }),
        });
        status = res.status;
        text = await res.text();
        if (res.ok) break;
      } catch (err) {
        // a kept-alive connection closed by the other side (the client's event loop was busy): the same, again
        text = `restarted? ${err instanceof Error ? `${err.message} (${String(err.cause)})` : String(err)}`;
      }
      if (attempt >= 5 || !/restarted/i.test(text)) throw new Error(`POST /dev/seed {"count":${step}} answered ${status}: ${text.slice(0, 300)}`);
      log(`  seed ${step}: ${status ? "the worker restarted" : text} (${attempt}); again`);
      await sleep(5000);
    }
    if (step >= count) break;
  }
  return { seconds: Math.round((performance.now() - t0) / 100) / 10 };
}
