import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
// the repository's scripts/ (an alias in vitest.e2e.config.ts and a path in tsconfig.e2e.json)
import { freePortBase, portsFor, startStack, stopWorkers } from "@scripts/stack";

/** Where the stack starts looking for free ports (below the ephemeral range; see freePortBase). */
const PREFERRED_PORT_BASE = 18787;

declare module "vitest" {
  export interface ProvidedContext {
    portal: string;
    consent: string;
    catalogue: string;
  }
}

/** Starts consent, catalogue and portal with fresh local storage, seeded through each app's POST /dev/seed. */
export default async function setup(project: TestProject) {
  // PORTAL_E2E_STACK=running: the tests use a stack you started yourself on PREFERRED_PORT_BASE.
  const running = process.env.PORTAL_E2E_STACK === "running";
  const portBase = running ? PREFERRED_PORT_BASE : await freePortBase(PREFERRED_PORT_BASE);
  const ports = portsFor(portBase);
  project.provide("portal", `http://localhost:${ports.portal}`);
  project.provide("consent", `http://127.0.0.1:${ports.consent}`);
  project.provide("catalogue", `http://127.0.0.1:${ports.catalogue}`);
  if (running) return;
  const persistTo = mkdtempSync(join(tmpdir(), "regie-portal-e2e-"));
  const log: string[] = [];
  const children = await startStack({
    portBase,
    persistTo,
    stdio: "pipe",
    timeoutMs: 120_000,
    log: (line) => log.push(line),
    vars: { CONSENT_PUBLIC_URL: `http://localhost:${ports.consent}`, CATALOGUE_PUBLIC_URL: `http://localhost:${ports.catalogue}` },
  });
  console.log(`e2e stack on ${portBase}: ${log.join(" | ")}`);
  return async () => {
    stopWorkers(children);
    await new Promise((r) => setTimeout(r, 500));
    rmSync(persistTo, { recursive: true, force: true });
  };
}
