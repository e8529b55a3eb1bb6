// A throwaway PostgreSQL server for the bench's peer: BENCH_PG_URL when given, else a fresh cluster made with the
// installed server's initdb (Debian's `postgresql` package: /usr/lib/postgresql/<major>/bin) in a temporary
// directory on its own port, run as the `postgres` user when the bench runs as root, removed afterwards.
// Null (with the reason) when neither exists: the scale mode then skips the peer and says so.
import { execFileSync, spawn } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

export interface PgServer {
  url: string;
  version: string;
  stop(): void;
}

const PORT = Number(process.env.BENCH_PG_PORT ?? 48790);

function binDir(): string | null {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return null;
  const majors = readdirSync(base)
    .filter((d) => existsSync(join(base, d, "bin", "initdb")))
    .sort((a, b) => Number(b) - Number(a));
  return majors[0] ? join(base, majors[0], "bin") : null;
}

export async function startPostgres(log: (m: string) => void): Promise<PgServer | { unavailable: string }> {
  if (process.env.BENCH_PG_URL) return { url: process.env.BENCH_PG_URL, version: "external (BENCH_PG_URL)", stop() {} };
  const bin = binDir();
  if (!bin) return { unavailable: "no PostgreSQL server installed (apt-get install -y postgresql, or set BENCH_PG_URL)" };
  const asRoot = userInfo().uid === 0;
  const run = (cmd: string, args: string[]) => (asRoot ? ["runuser", ["-u", "postgres", "--", cmd, ...args]] : [cmd, args]) as [string, string[]];
  const dir = mkdtempSync(join(tmpdir(), "regie-bench-pg-"));
  if (asRoot) {
    chmodSync(dir, 0o777);
    execFileSync("chown", ["postgres", dir]);
  }
  const data = join(dir, "data");
  execFileSync(...run(join(bin, "initdb"), ["-D", data, "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C"]), { stdio: "ignore" });
  const version = execFileSync(join(bin, "postgres"), ["--version"], { encoding: "utf8" }).trim();
  log(`· peer: ${version}, a fresh cluster in ${data} on port ${PORT}`);
  // sized like a small server: the catalogue fits in shared buffers; no fsync (a benchmark, thrown away afterwards)
  const settings = [
    "-p",
    String(PORT),
    "-k",
    dir,
    "-h",
    "127.0.0.1",
    "-c",
    "shared_buffers=1GB",
    "-c",
    "work_mem=64MB",
    "-c",
    "fsync=off",
    "-c",
    "synchronous_commit=off",
    "-c",
    "full_page_writes=off",
    "-c",
    "max_wal_size=4GB",
    "-c",
    "maintenance_work_mem=512MB",
  ];
  // the port must be ours: a server already on it would be answered instead of this one
  try {
    execFileSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(PORT)], { stdio: "ignore" });
    rmSync(dir, { recursive: true, force: true });
    return { unavailable: `port ${PORT} already has a PostgreSQL server (BENCH_PG_PORT chooses another)` };
  } catch {
    /* free */
  }
  spawn(...run(join(bin, "postgres"), ["-D", data, ...settings]), { stdio: "ignore", detached: true }).unref();
  // pg_ctl, not a signal to the child: under runuser the child is runuser, which does not pass signals on
  const stop = () => {
    try {
      execFileSync(...run(join(bin, "pg_ctl"), ["stop", "-D", data, "-m", "fast", "-w"]), { stdio: "ignore" });
    } catch {
      /* not running */
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const url = `postgres://bench@127.0.0.1:${PORT}/postgres`;
  for (let i = 0; i < 60; i++) {
    try {
      execFileSync(join(bin, "pg_isready"), ["-h", "127.0.0.1", "-p", String(PORT)], { stdio: "ignore" });
      return { url, version, stop };
    } catch {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  stop();
  return { unavailable: "the PostgreSQL server did not start within 30 s" };
}
