// temporary (not committed): runs the consent and cohort scenarios on port base 18787 and prints JSON
import { start, tokenMinter } from "./lib/stack.mjs";
import * as consent from "./scenarios/consent.mjs";
import * as cohort from "./scenarios/cohort.mjs";
const log = (m) => console.log(m);
let stack;
try {
  stack = await start(log, (s) => (stack = s));
  const mint = await tokenMinter();
  const only = (process.env.PROBE ?? "consent,cohort").split(",");
  for (const [name, sc] of Object.entries({ consent, cohort })) {
    if (!only.includes(name)) continue;
    try { console.log(name, JSON.stringify(await sc.run({ mint, log }), null, 1)); } catch (e) { console.log(name, "failed", e.message); }
  }
} finally { stack?.stop(); }
