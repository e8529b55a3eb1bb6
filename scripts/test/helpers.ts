/** Helpers of the backup round-trip tests: a temporary local state, and the catalogue under `wrangler dev` on it. */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { root, type Target } from "../d1-backup/lib";
import { quietEnv, waitUntilHealthy, wranglerBin } from "../stack";

export function tempTarget(name: string): { work: string; target: Target } {
  const work = mkdtempSync(join(tmpdir(), `regie-${name}-`));
  // the `dev` wrangler environment, as npm start runs it (the top level of wrangler.jsonc is production)
  return { work, target: { remote: false, persistTo: join(work, "state"), env: "dev" } };
}

export const quiet = () => {};

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** `wrangler dev` for the catalogue on the test's state, with the development routes on. */
export async function startCatalogue(work: string, target: Target): Promise<{ base: string; stop: () => Promise<void> }> {
  const [port, inspector] = [await freePort(), await freePort()];
  const args = [
    wranglerBin,
    "dev",
    "--env",
    "dev",
    "--port",
    String(port),
    "--ip",
    "127.0.0.1",
    "--inspector-port",
    String(inspector),
    "--show-interactive-dev-session=false",
    "--log-level",
    "error",
    "--persist-to",
    join(target.persistTo!, "catalogue"),
    "--var",
    `TRUSTED_ISSUERS:${JSON.stringify([{ issuer: "https://issuer.backup-test.invalid", jwks: { keys: [] } }])}`,
  ];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: join(root, "apps", "catalogue"),
    env: quietEnv({ CI: "true", WRANGLER_REGISTRY_PATH: join(work, "registry") }),
    stdio: ["ignore", "ignore", "pipe"],
    detached: true,
  });
  let stderr = "";
  child.stderr!.on("data", (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once("exit", () => resolve());
      process.kill(-child.pid!, "SIGTERM");
    });
  try {
    await waitUntilHealthy(`${base}/health`, { timeoutMs: 60_000, child, name: "the catalogue (wrangler dev)", output: () => stderr });
  } catch (err) {
    await stop();
    throw err;
  }
  return { base, stop };
}

export async function getJson(url: string): Promise<unknown> {
  const res = await fetch(url, { headers: { accept: "application/json" } });
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.json();
}
