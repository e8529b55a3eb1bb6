// The demo identities (packages/shared/src/demo.ts) as plain data for the Node-side bench scripts.
// Read from the TypeScript source so the two never drift; only the simple literal arrays are parsed.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { root } from "../../scripts/dev-env.mjs";

const source = readFileSync(join(root, "packages/shared/src/demo.ts"), "utf8");

function objects(constName) {
  const start = source.indexOf(`export const ${constName}`);
  if (start < 0) return [];
  const open = source.indexOf("[", source.indexOf("=", start));
  const close = source.indexOf("];", open);
  const out = [];
  for (const m of source.slice(open, close).matchAll(/\{([^{}]*)\}/g)) {
    const obj = {};
    for (const f of m[1].matchAll(/(\w+):\s*"([^"]*)"/g)) obj[f[1]] = f[2];
    out.push(obj);
  }
  return out;
}

export const DEMO = {
  citizens: objects("DEMO_CITIZENS"),
  providers: objects("DEMO_PROVIDERS"),
  publishers: objects("DEMO_PUBLISHERS"),
};
