/** The tables of a database: which a backup holds, their keys, their row counts, and reading them page by page. */
import { APPS, type AppName, type Target } from "./apps";
import { rowStatements, ident } from "./statements";
import { query, queryAll } from "./wrangler";

type Row = Record<string, unknown>;

const PAGE_ROWS = 500;
const PAGE_BYTES = 1_500_000;
/** Page queries sent in one wrangler call (one per table still being read). */
const PAGES_PER_CALL = 8;

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
    else if (virtual.some((v) => FTS_SHADOW_SUFFIXES.some((s) => name === v + s) || name.startsWith(v + "_")))
      excluded.push({ name, why: "shadow table of a virtual table" });
    else if (name === "d1_migrations") excluded.push({ name, why: "migration log (restore applies the migrations)" });
    else if (APPS[app].derived.includes(name)) excluded.push({ name, why: "derived (emptied on restore)" });
    else real.push(name);
  }
  return { real, excluded };
}

export async function tableInfos(app: AppName, t: Target, names: string[]): Promise<TableInfo[]> {
  const all = await queryAll<{ name: string; pk: number }>(
    app,
    t,
    names.map((n) => `PRAGMA table_info(${ident(n)})`),
  );
  return names.map((name, i) => {
    const cols = all[i]!;
    if (cols.length === 0) throw new Error(`${app}: table ${name} has no columns`);
    const key = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return { name, columns: cols.map((c) => c.name), key: key.length ? key : ["rowid"] };
  });
}

export const countSql = (table: string) => `SELECT count(*) AS n FROM ${ident(table)}`;

export async function countRows(app: AppName, t: Target, tables: string[]): Promise<number[]> {
  return (await queryAll<{ n: number }>(app, t, tables.map(countSql))).map((rows) => Number(rows[0]?.n ?? 0));
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
  app: AppName,
  t: Target,
  infos: TableInfo[],
  verbOf: (table: string) => string,
  extra: string[] = [],
  onExtra: (rows: Row[][]) => void = () => {},
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
