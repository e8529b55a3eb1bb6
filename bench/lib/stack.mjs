// Starts and stops the benchmark's own stack (ports 48787–48789, fresh storage), mints tokens with the
// development issuer, and reads the workers' peak memory.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { importJWK, SignJWT } from "jose";
import { APPS, applyMigrations, portsFor, seed, spawnWorkers, stopWorkers } from "../../scripts/stack.mjs";
import { ensureDevEnv, ISSUER } from "../../scripts/dev-env.mjs";

export const PORT_BASE = Number(process.env.BENCH_PORT_BASE ?? 48787);

export function urls(portBase = PORT_BASE) {
  const p = portsFor(portBase);
  return { portal: `http://127.0.0.1:${p.portal}`, consent: `http://127.0.0.1:${p.consent}`, catalogue: `http://127.0.0.1:${p.catalogue}` };
}

/** Keeps the last lines of a child's output (a full pipe would block the worker), for error reports. */
function drain(child) {
  const tail = [];
  const keep = (chunk) => {
    for (const line of String(chunk).split("\n")) if (line.trim()) tail.push(line);
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  child.outputTail = tail;
}

/** Waits until every app answers /health; each probe has its own timeout, so a hung worker cannot hang the bench. */
async function waitForHealth(children, timeoutMs) {
  const deadline = Date.now() + timeoutMs;
  for (const app of APPS) {
    const url = `http://127.0.0.1:${PORT_BASE + app.offset}/health`;
    for (;;) {
      try {
        const res = await fetch(url, { signal: AbortSignal.timeout(5_000) });
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      const child = children.find((c) => c.appName === app.name);
      if (child?.exitCode !== null && child?.exitCode !== undefined) throw new Error(`${app.name} exited: ${child.outputTail.join("\n")}`);
      if (Date.now() > deadline) throw new Error(`${app.name} did not become healthy at ${url}: ${child?.outputTail.join("\n")}`);
      await new Promise((r) => setTimeout(r, 300));
    }
  }
}

/**
 * The same steps as scripts/stack.mjs startStack (development secrets, D1 migrations, wrangler dev per app,
 * health, POST /dev/seed), but reading the workers' output from the start and with a timeout per probe.
 */
export async function start(log, onSpawned = () => {}) {
  const persistTo = mkdtempSync(join(tmpdir(), "regie-bench-"));
  log(`· starting the stack on ports ${PORT_BASE}–${PORT_BASE + 2} (storage in ${persistTo})`);
  const secrets = await ensureDevEnv();
  applyMigrations({ persistTo, log });
  // Benchmarks send many requests from one address with many tokens: no per-client limit here.
  // BENCH_SHARD_COUNT overrides the consent worker's SHARD_COUNT (placement of citizens over shard objects)
  const vars = { RATE_LIMIT: "off", ...(process.env.BENCH_SHARD_COUNT ? { SHARD_COUNT: process.env.BENCH_SHARD_COUNT } : {}) };
  const children = spawnWorkers({ persistTo, stdio: "pipe", vars, secrets, portBase: PORT_BASE });
  for (const child of children) drain(child);
  const stack = {
    children,
    persistTo,
    stop() {
      stopWorkers(children);
      try {
        rmSync(persistTo, { recursive: true, force: true });
      } catch {
        /* best effort */
      }
    },
  };
  onSpawned(stack); // so Ctrl-C during start-up stops the workers too
  try {
    await waitForHealth(children, 180_000);
    await seed(log, PORT_BASE);
  } catch (err) {
    stack.stop();
    throw err;
  }
  return stack;
}

/** Signs tokens exactly as the portal's development issuer does (same key, issuer and audiences). */
export async function tokenMinter() {
  const secrets = await ensureDevEnv();
  const key = await importJWK(secrets.devIssuerPrivateJwk, "ES256");
  return async (claims, expiresIn = 3600) => {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...claims })
      .setProtectedHeader({ alg: "ES256", kid: secrets.devIssuerPrivateJwk.kid, typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(["regie-consent", "regie-catalogue", "regie-portal"])
      .setIssuedAt(now)
      .setExpirationTime(now + expiresIn)
      .setJti(crypto.randomUUID());
    if (claims.sub) jwt.setSubject(claims.sub);
    else if (claims.role === "provider") jwt.setSubject(`ura:${claims.ura}`);
    else if (claims.role === "publisher") jwt.setSubject(`publisher:${claims.publisherId}`);
    return jwt.sign(key);
  };
}

/** A token from the running development issuer (POST /dev/token on the portal). */
export async function devToken(claims) {
  const res = await fetch(`${urls().portal}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(claims) });
  if (!res.ok) throw new Error(`dev issuer answered ${res.status}: ${await res.text()}`);
  return (await res.json()).access_token;
}

function descendants(pid) {
  let out = [];
  let kids = [];
  try {
    kids = execFileSync("ps", ["-o", "pid=", "--ppid", String(pid)], { encoding: "utf8" }).split("\n").map((s) => Number(s.trim())).filter(Boolean);
  } catch {
    /* no children */
  }
  for (const k of kids) out = out.concat([k], descendants(k));
  return out;
}

function status(pid) {
  try {
    const text = readFileSync(`/proc/${pid}/status`, "utf8");
    const field = (name) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, "m").exec(text)?.[1] ?? NaN) * 1024;
    return { name: /^Name:\s+(\S+)/m.exec(text)?.[1], hwm: field("VmHWM"), rss: field("VmRSS") };
  } catch {
    return undefined;
  }
}

/** The workerd processes (wrangler's proxy and the worker itself) of one app's `wrangler dev` child. */
export function workerdPids(child) {
  return descendants(child.pid).filter((pid) => status(pid)?.name === "workerd");
}

/** CPU time (user + system, seconds) the processes have used so far. */
export function cpuSeconds(pids) {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14 and 15 of stat)
    } catch {
      /* process gone */
    }
  }
  return ticks / 100; // USER_HZ
}

/** Current resident memory of the processes, in bytes. */
export function rssBytes(pids) {
  return pids.reduce((sum, pid) => sum + (status(pid)?.rss || 0), 0);
}

/** Peak (VmHWM) and current RSS of each app's workerd processes, in bytes. */
export function memory(children) {
  const out = {};
  for (const child of children) {
    const procs = descendants(child.pid).map((pid) => ({ pid, ...status(pid) })).filter((p) => p.name === "workerd");
    out[child.appName] = {
      workerdProcesses: procs.length,
      peakRssBytes: procs.reduce((s, p) => s + (p.hwm || 0), 0),
      rssBytes: procs.reduce((s, p) => s + (p.rss || 0), 0),
    };
  }
  return out;
}
