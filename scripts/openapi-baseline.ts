/**
 * npm run openapi:baseline — writes each worker's /openapi.json (development route table) to
 * apps/<app>/openapi.baseline.json. Each app's `openapi-compat` test compares the live document with it and fails on
 * anything but additions (packages/shared/src/testing/openapi-compat.ts). Refresh the baseline only for an intended,
 * announced breaking change, or to take in additions.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root } from "./dev-env";
import { APPS, freePortBase, portsFor, startStack, stopWorkers } from "./stack";

const PORT_BASE = await freePortBase(8950);
const persistTo = mkdtempSync(join(tmpdir(), "regie-openapi-"));
const children = await startStack({ persistTo, portBase: PORT_BASE, seed: false, stdio: "pipe", log: () => {} });
try {
  const ports = portsFor(PORT_BASE);
  for (const { name } of APPS) {
    const res = await fetch(`http://localhost:${ports[name]}/openapi.json`);
    if (res.status !== 200) throw new Error(`${name}: GET /openapi.json answered ${res.status}`);
    const doc = (await res.json()) as { servers?: unknown };
    delete doc.servers; // the local origin differs per run
    const file = join(root, "apps", name, "openapi.baseline.json");
    writeFileSync(file, `${JSON.stringify(doc, null, 2)}\n`);
    console.log(`wrote ${file}`);
  }
} finally {
  stopWorkers(children);
  rmSync(persistTo, { recursive: true, force: true });
}
