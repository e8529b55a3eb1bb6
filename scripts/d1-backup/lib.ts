/**
 * Backup and restore of Regie's D1 databases (`npm run backup` / `npm run restore`; see docs/operations.md).
 *
 * Everything goes through `wrangler d1 execute`, the same way against a local database (`--local`, miniflare) and
 * production (`--remote`), so what the tests exercise locally is what runs in production:
 *
 * - backup: each real table is read in keyset-ordered pages of `SELECT quote(...)` (SQL literals, so 64-bit
 *   integers, reals and text survive exactly; pages stay far below D1's result limits) and written as INSERT
 *   statements. Left out: FTS5 virtual tables and their shadow tables (derived from `datasets`; `wrangler d1
 *   export` refuses databases that have them), each app's derived tables (the catalogue's change log) and
 *   `d1_migrations` (recorded in the manifest instead).
 * - restore: apply the migrations to an empty database (tables, FTS, triggers), import the file in one
 *   `wrangler d1 execute --file` (one transaction locally; D1's import is all-or-nothing remotely), run the app's
 *   after-restore statements (the catalogue rebuilds its full-text index and starts a new search-index epoch),
 *   then check every table's row count against the manifest.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const wranglerBin = join(root, "node_modules", "wrangler", "bin", "wrangler.js");

export type AppName = "catalogue" | "consent";
export const APP_NAMES: AppName[] = ["catalogue", "consent"];

export interface AppSpec {
  /** Tables kept by triggers or caches that a restore empties instead of restoring. */
  derived: string[];
  /** Tables the migrations already put rows in: imported with INSERT OR REPLACE, ignored when checking "empty". */
  seededByMigrations: string[];
  /** A value that moves with every write; a backup during which it moved is taken again. */
  changeProbe?: string;
  /** Run after the data is imported. */
  afterRestore: string[];
  /** Run after the restore; a statement that fails, or returns a row whose `ok` is not 1, fails the restore. */
  verify: string[];
}

export const APPS: Record<AppName, AppSpec> = {
  catalogue: {
    derived: ["dataset_changes"],
    seededByMigrations: ["catalogue_meta"],
    changeProbe: `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`,
    afterRestore: [
      // The full-text index from the restored rows. Not FTS5's 'rebuild': that reads the content table by the FTS
      // column names (title, keywords, description), which `datasets` names title_text, keywords_text, description_text.
      `INSERT INTO datasets_fts(datasets_fts) VALUES('delete-all')`,
      `INSERT INTO datasets_fts(rowid, title, keywords, description) SELECT ord, title_text, keywords_text, description_text FROM datasets`,
      // the change log only means something to isolates of the old database
      `DELETE FROM dataset_changes`,
      // A new epoch and a higher version: no isolate's in-memory search index or cached answer (keyed by
      // epoch:version) can pass for this database, so each rebuilds from the restored rows.
      `UPDATE catalogue_meta SET value = abs(random()) WHERE key = 'epoch'`,
      `UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`,
      `INSERT OR REPLACE INTO catalogue_meta (key, value) SELECT 'changes_from', value FROM catalogue_meta WHERE key = 'version'`,
    ],
    verify: [
      `INSERT INTO datasets_fts(datasets_fts) VALUES('integrity-check')`,
      // one index entry per dataset
      `SELECT (SELECT count(*) FROM datasets_fts_docsize) = (SELECT count(*) FROM datasets) AS ok`,
    ],
  },
  consent: { derived: [], seededByMigrations: [], afterRestore: [], verify: [] },
};

/** Where the databases are: local (wrangler's default state, or `--persist-to`) or remote, in a wrangler environment. */
export interface Target {
  remote: boolean;
  /** Local only: a directory holding one state directory per app (`<dir>/<app>`), as scripts/stack.ts uses. */
  persistTo?: string;
  /** Passed through as `--env`. */
  env?: string;
}

export function describeTarget(t: Target): string {
  const where = t.remote ? "remote (production D1)" : `local${t.persistTo ? ` (${t.persistTo})` : ""}`;
  return t.env ? `${where}, environment ${t.env}` : where;
}

/** D1 rejects statements longer than 100 KB; the backup keeps every statement below this many bytes. */
export const MAX_STATEMENT_BYTES = 90_000;
/** Rows read per page, and the bytes after which a page stops early (D1 returns at most a few MB comfortably). */
const PAGE_ROWS = 500;
const PAGE_BYTES = 1_500_000;
/** Page queries sent in one wrangler call (one per table still being read). */
const PAGES_PER_CALL = 8;
/** Text values longer than this are written in pieces appended by UPDATE. */
const PIECE_CODE_POINTS = 16_000;

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
    execFile(process.execPath, wranglerArgs(app, t, args), { cwd: join(root, "apps", app), env: quietEnv(), maxBuffer: 512 * 1024 * 1024 }, (err, stdout, stderr) => {
      if (!err) return resolve(stdout);
      const message = errorMessage(stdout) ?? stderr.trim().split("\n").filter((l) => l.trim()).slice(-5).join("\n");
      reject(new Error(`wrangler ${args.slice(0, 3).join(" ")} failed for ${app}: ${message.slice(0, 2000)}`));
    });
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
  return readdirSync(join(root, "apps", app, "migrations")).filter((f) => f.endsWith(".sql")).sort();
}

export const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;
export const literal = (text: string) => `'${text.replace(/'/g, "''")}'`;

export interface TableInfo {
  name: string;
  columns: string[];
  /** The primary key columns in key order, or ["rowid"] for a table without one. */
  key: string[];
}

interface SchemaRow {
  type: string;
  name: string;
  sql: string | null;
}

/** The schema objects of the database (no sqlite_ internals, no D1 internals). */
export async function schema(app: AppName, t: Target): Promise<SchemaRow[]> {
  return query<SchemaRow>(app, t, `SELECT type, name, sql FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%' ORDER BY name`);
}

const FTS_SHADOW_SUFFIXES = ["_data", "_idx", "_content", "_docsize", "_config"];

/** Which tables a backup holds, and which it leaves out and why. */
export function classifyTables(app: AppName, rows: SchemaRow[]): { real: string[]; excluded: { name: string; why: string }[] } {
  const tables = rows.filter((r) => r.type === "table");
  const virtual = tables.filter((r) => /^\s*CREATE\s+VIRTUAL\s+TABLE/i.test(r.sql ?? "")).map((r) => r.name);
  const real: string[] = [];
  const excluded: { name: string; why: string }[] = [];
  for (const { name } of tables) {
    if (virtual.includes(name)) excluded.push({ name, why: "virtual table (rebuilt on restore)" });
    else if (virtual.some((v) => FTS_SHADOW_SUFFIXES.some((s) => name === v + s) || name.startsWith(v + "_"))) excluded.push({ name, why: "shadow table of a virtual table" });
    else if (name === "d1_migrations") excluded.push({ name, why: "migration log (restore applies the migrations)" });
    else if (APPS[app].derived.includes(name)) excluded.push({ name, why: "derived (emptied on restore)" });
    else real.push(name);
  }
  return { real, excluded };
}

export async function tableInfos(app: AppName, t: Target, names: string[]): Promise<TableInfo[]> {
  const all = await queryAll<{ name: string; pk: number }>(app, t, names.map((n) => `PRAGMA table_info(${ident(n)})`));
  return names.map((name, i) => {
    const cols = all[i]!;
    if (cols.length === 0) throw new Error(`${app}: table ${name} has no columns`);
    const key = cols.filter((c) => c.pk > 0).sort((a, b) => a.pk - b.pk).map((c) => c.name);
    return { name, columns: cols.map((c) => c.name), key: key.length ? key : ["rowid"] };
  });
}

export const countSql = (table: string) => `SELECT count(*) AS n FROM ${ident(table)}`;

export async function countRows(app: AppName, t: Target, tables: string[]): Promise<number[]> {
  return (await queryAll<{ n: number }>(app, t, tables.map(countSql))).map((rows) => Number(rows[0]?.n ?? 0));
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

/** `'it''s'` -> `it's`; null for a literal that is not text (numbers, NULL, blobs). */
function unquoteText(lit: string): string | null {
  return lit.length >= 2 && lit.startsWith("'") && lit.endsWith("'") ? lit.slice(1, -1).replace(/''/g, "'") : null;
}

function pieces(text: string): string[] {
  const points = Array.from(text);
  const out: string[] = [];
  for (let i = 0; i < points.length; i += PIECE_CODE_POINTS) out.push(points.slice(i, i + PIECE_CODE_POINTS).join(""));
  return out;
}

/**
 * The statements that recreate one row: one INSERT, or for a row too long for one statement an INSERT with its
 * longest text values left empty and UPDATEs appending them piece by piece.
 */
export function rowStatements(info: TableInfo, values: string[], keyLiterals: string[], verb = "INSERT"): string[] {
  const cols = info.columns.map(ident).join(", ");
  const insert = (vals: string[]) => `${verb} INTO ${ident(info.name)} (${cols}) VALUES (${vals.join(", ")});`;
  const whole = insert(values);
  if (utf8Bytes(whole) <= MAX_STATEMENT_BYTES) return [whole];
  if (info.key[0] === "rowid") throw new Error(`${info.name}: a row too long for one statement in a table without a primary key`);
  const vals = [...values];
  const deferred: number[] = [];
  const bySize = vals.map((v, i) => [i, utf8Bytes(v)] as const).sort((a, b) => b[1] - a[1]);
  for (const [i] of bySize) {
    if (utf8Bytes(insert(vals)) <= MAX_STATEMENT_BYTES) break;
    if (info.key.includes(info.columns[i]!)) continue;
    if (unquoteText(vals[i]!) === null) throw new Error(`${info.name}.${info.columns[i]}: a value too long for one statement that is not text`);
    vals[i] = "''";
    deferred.push(i);
  }
  const first = insert(vals);
  if (utf8Bytes(first) > MAX_STATEMENT_BYTES) throw new Error(`${info.name}: a row whose key columns alone are too long for one statement`);
  const where = info.key.map((k, j) => `${ident(k)} = ${keyLiterals[j]}`).join(" AND ");
  const out = [first];
  for (const i of deferred) {
    const col = ident(info.columns[i]!);
    for (const piece of pieces(unquoteText(values[i]!)!)) out.push(`UPDATE ${ident(info.name)} SET ${col} = ${col} || ${literal(piece)} WHERE ${where};`);
  }
  return out;
}

/** After the last key: `("a", "b") > ('x', 3)`. */
function after(key: string[], lits: string[] | null): string {
  if (!lits) return "1";
  return key.length === 1 ? `${ident(key[0]!)} > ${lits[0]}` : `(${key.map(ident).join(", ")}) > (${lits.join(", ")})`;
}

/**
 * One page of a table in key order, after the key `last`: one statement, so a consistent read of those rows.
 * Values come back as SQL literals (`quote()`), so nothing passes through JSON numbers. A page stops at PAGE_ROWS
 * rows or after PAGE_BYTES of literals, whichever comes first; `m` is how many rows the page had before that cut.
 */
function pageSql(info: TableInfo, last: string[] | null): string {
  const keyCols = info.key.map((k, j) => `quote(${ident(k)}) AS k${j}`).join(", ");
  const valueCols = info.columns.map((c, i) => `quote(${ident(c)}) AS v${i}`).join(", ");
  const size = info.columns.map((_, i) => `length(CAST(v${i} AS BLOB))`).join(" + ");
  const order = info.key.map(ident).join(", ");
  return `WITH page AS (SELECT ${keyCols}, ${valueCols}, row_number() OVER (ORDER BY ${order}) AS n FROM ${ident(info.name)} WHERE ${after(info.key, last)} ORDER BY ${order} LIMIT ${PAGE_ROWS}),
sized AS (SELECT *, ${size} AS bytes FROM page),
running AS (SELECT *, sum(bytes) OVER (ORDER BY n ROWS UNBOUNDED PRECEDING) AS acc FROM sized)
SELECT *, (SELECT count(*) FROM page) AS m FROM running WHERE acc - bytes < ${PAGE_BYTES} ORDER BY n`;
}

type PageRow = Record<string, string | number>;

/**
 * Reads the tables in rounds: each wrangler call carries the next page of up to PAGES_PER_CALL tables, plus the
 * `extra` statements (e.g. a change probe), whose rows are handed to `onExtra` after every call.
 */
export async function dumpTables(
  app: AppName, t: Target, infos: TableInfo[], verbOf: (table: string) => string, extra: string[] = [], onExtra: (rows: Row[][]) => void = () => {},
): Promise<Map<string, { statements: string[]; rows: number }>> {
  const out = new Map(infos.map((i) => [i.name, { statements: [] as string[], rows: 0 }]));
  const open = new Map<string, string[] | null>(infos.map((i) => [i.name, null]));
  while (open.size > 0) {
    const batch = infos.filter((i) => open.has(i.name)).slice(0, PAGES_PER_CALL);
    const results = await queryAll<PageRow>(app, t, [...batch.map((i) => pageSql(i, open.get(i.name)!)), ...extra]);
    onExtra(results.slice(batch.length) as Row[][]);
    batch.forEach((info, b) => {
      const rows = results[b]!;
      const acc = out.get(info.name)!;
      let last: string[] | null = open.get(info.name)!;
      for (const row of rows) {
        const keyLits = info.key.map((_, j) => String(row[`k${j}`]));
        const values = info.columns.map((_, i) => String(row[`v${i}`]));
        acc.statements.push(...rowStatements(info, values, keyLits, verbOf(info.name)));
        acc.rows++;
        last = keyLits;
      }
      const complete = rows.length === 0 || (Number(rows[0]!.m) < PAGE_ROWS && rows.length === Number(rows[0]!.m));
      if (complete) open.delete(info.name);
      else open.set(info.name, last);
    });
  }
  return out;
}

export interface Manifest {
  format: "regie-d1-backup/1";
  app: AppName;
  createdAt: string;
  source: string;
  /** The migrations applied to the database the backup was taken from (its schema level). */
  migrations: string[];
  tables: { name: string; rows: number; columns: string[] }[];
  excluded: { name: string; why: string }[];
  /** The catalogue's epoch:version while the backup was read (unchanged from start to end). */
  changeProbe?: string;
  file: string;
  sha256: string;
  statements: number;
}

export const sha256 = (data: string | Buffer) => createHash("sha256").update(data).digest("hex");
