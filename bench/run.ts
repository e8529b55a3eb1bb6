// `npm run bench`: starts Regie's workers on their own ports (28787–28789) with fresh storage, seeds
// synthetic data, drives them over loopback with autocannon, prints a table with honest verdicts against
// the targets, and writes everything to bench/results/latest.json. Figures, not pass/fail tests.
//
// Environment: BENCH_QUICK=1 (short run, small data), BENCH_ONLY=consent,catalogue,cohort,addressbook, BENCH_ORGANISATIONS,
// BENCH_DURATION (s per measurement), BENCH_CITIZENS, BENCH_CONNECTIONS=1,16,64, BENCH_DATASETS=5000,50000,
// BENCH_COHORTS=100000,1000000, BENCH_OPT_OUTS, BENCH_SEARCH_CONNECTIONS, BENCH_PORT_BASE,
// BENCH_SEED=api (seed consent through the public API instead of POST /dev/bulk-choices).
// Scale mode: BENCH_ONLY=catalogueScale [BENCH_SCALE_DATASETS=500000] (bench/scenarios/catalogue-scale.ts).
// Harvest memory in its own isolate: BENCH_ONLY=harvestIsolate (bench/scenarios/harvest-isolate.ts; its own worker,
// so the stack is not started when it runs alone).
import { performance } from "node:perf_hooks";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import { join } from "node:path";
import { memory, start, tokenMinter, type BenchStack } from "./lib/stack";
import { DURATION, QUICK } from "./lib/load";
import { printReport, type BenchResults } from "./lib/report";
import { root } from "../scripts/dev-env";
import * as consent from "./scenarios/consent";
import * as catalogue from "./scenarios/catalogue";
import * as cohort from "./scenarios/cohort";
import * as catalogueScale from "./scenarios/catalogue-scale";
import * as addressbook from "./scenarios/addressbook";
import * as harvestIsolate from "./scenarios/harvest-isolate";

const SCENARIOS = { consent, catalogue, cohort, catalogueScale, addressbook, harvestIsolate };
const only = (process.env.BENCH_ONLY ?? "consent,cohort,catalogue,addressbook")
  .split(",")
  .map((s) => s.trim())
  .filter(Boolean);
const log = (m: string) => console.log(m);
const isScenario = (name: string): name is keyof typeof SCENARIOS => Object.hasOwn(SCENARIOS, name);

const results: BenchResults = {
  date: new Date().toISOString(),
  quick: QUICK,
  durationSecondsPerMeasurement: DURATION,
  machine: {
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryBytes: totalmem(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
  },
  note: "Workers run locally under wrangler dev (workerd, local D1 and Durable Objects); autocannon runs on the same machine.",
  scenarios: {},
  memory: null,
};

let stack: BenchStack | undefined;
let stopping = false;
function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  stack?.stop();
  process.exit(code);
}
process.on("SIGINT", () => shutdown(130));
process.on("SIGTERM", () => shutdown(143));

try {
  for (const name of only) if (!isScenario(name)) throw new Error(`unknown scenario ${name} (known: ${Object.keys(SCENARIOS).join(", ")})`);
  // scenarios that start their own worker need no stack
  if (!only.every((name) => name === "harvestIsolate")) stack = await start(log, (s) => (stack = s));
  const mint = stack ? tokenMinter(stack.secrets) : undefined;
  for (const name of only) {
    if (!isScenario(name)) continue;
    const t0 = performance.now();
    let result: NonNullable<BenchResults["scenarios"][typeof name]>;
    try {
      if (name === "harvestIsolate") result = await harvestIsolate.run({ log });
      else if (!stack || !mint) throw new Error("the stack did not start");
      else result = await SCENARIOS[name].run({ mint, log, stack });
    } catch (err) {
      const message = err instanceof Error ? `${err.message}${err.cause ? ` (${String(err.cause)})` : ""}` : String(err);
      log(`! ${name} failed: ${message}`);
      for (const child of stack?.children ?? [])
        if (child.outputTail.length) log(`  ${child.appName} said last:\n    ${child.outputTail.slice(-40).join("\n    ")}`);
      result = { available: true, failed: true, error: message };
    }
    result.wallSeconds = Math.round((performance.now() - t0) / 100) / 10;
    Object.assign(results.scenarios, { [name]: result });
  }
  results.memory = stack ? memory(stack.children) : null;
} finally {
  if (!stopping) stack?.stop();
}

mkdirSync(join(root, "bench", "results"), { recursive: true });
const file = join(root, "bench", "results", "latest.json");
writeFileSync(file, JSON.stringify(results, null, 2) + "\n");
printReport(results);
console.log(`\nResults written to ${file}`);
process.exit(0);
