/** Every database access goes through `wrangler d1 execute`, locally and remotely alike. */
import { execFile } from "node:child_process";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { root, type AppName, type Target } from "./apps";

const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

function wranglerArgs(app: AppName, t: Target, args: string[]): string[] {
  const out = [wranglerBin, ...args, t.remote ? "--remote" : "--local"];
  if (!t.remote && t.persistTo) out.push("--persist-to", join(t.persistTo, app));
  if (t.env) out.push("--env", t.env);
  return out;
}

function quietEnv(): NodeJS.ProcessEnv {
  return { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false", DO_NOT_TRACK: "1", CI: "true" };
}

/** Runs wrangler in the app's folder; on failure the error carries wrangler's own message only (never our SQL). */
export function wrangler(app: AppName, t: Target, args: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      wranglerArgs(app, t, args),
      { cwd: join(root, "apps", app), env: quietEnv(), maxBuffer: 512 * 1024 * 1024 },
      (err, stdout, stderr) => {
        if (!err) return resolve(stdout);
        const message =
          errorMessage(stdout) ??
          stderr
            .trim()
            .split("\n")
            .filter((l) => l.trim())
            .slice(-5)
            .join("\n");
        reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} failed for ${app}: ${message.slice(0, 2000)}`));
      },
    );
  });
}

function errorMessage(stdout: string): string | undefined {
  try {
    const parsed = JSON.parse(stdout) as { error?: { text?: string; message?: string } };
    return parsed.error?.text ?? parsed.error?.message;
  } catch {
    return undefined;
  }
}

type Row = Record<string, unknown>;

/** One statement (or several; the rows of the last) through `wrangler d1 execute --command --json`. */
export async function query<T = Row>(app: AppName, t: Target, sql: string): Promise<T[]> {
  const stdout = await wrangler(app, t, ["d1", "execute", "DB", "--command", sql, "--json", "--yes"]);
  const results = JSON.parse(stdout) as { results?: T[]; success?: boolean }[];
  const last = results[results.length - 1];
  if (!last || last.success === false) throw new Error(`D1 query failed for ${app}`);
  return last.results ?? [];
}

/**
 * Several statements in one wrangler call (each wrangler start costs about a second locally, a round trip remotely);
 * the rows of each. Locally they run in one transaction; remotely as one D1 query request.
 */
export async function queryAll<T = Row>(app: AppName, t: Target, sqls: string[]): Promise<T[][]> {
  if (sqls.length === 0) return [];
  const stdout = await wrangler(app, t, ["d1", "execute", "DB", "--command", sqls.join(";\n"), "--json", "--yes"]);
  const results = JSON.parse(stdout) as { results?: T[]; success?: boolean }[];
  if (results.length !== sqls.length || results.some((r) => r.success === false)) throw new Error(`D1 query failed for ${app}`);
  return results.map((r) => r.results ?? []);
}

export async function executeFile(app: AppName, t: Target, file: string): Promise<void> {
  await wrangler(app, t, ["d1", "execute", "DB", "--file", file, "--json", "--yes"]);
}

export async function applyMigrations(app: AppName, t: Target): Promise<void> {
  await wrangler(app, t, ["d1", "migrations", "apply", "DB"]);
}

/** The migration files in the repository, in the order wrangler applies them. */
export function repoMigrations(app: AppName): string[] {
  return readdirSync(join(root, "apps", app, "migrations"))
    .filter((f) => f.endsWith(".sql"))
    .sort();
}
