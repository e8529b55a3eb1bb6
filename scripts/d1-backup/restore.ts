/** Restore of one app's D1 database from `<dir>/<app>.sql` + `<dir>/<app>.manifest.json`. */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import {
  APPS, applyMigrations, countRows, countSql, describeTarget, executeFile, ident, query, queryAll, repoMigrations, schema, sha256,
  type AppName, type Manifest, type Target,
} from "./lib";

export function readManifest(dir: string, app: AppName): Manifest {
  const manifest = JSON.parse(readFileSync(join(dir, `${app}.manifest.json`), "utf8")) as Manifest;
  if (manifest.format !== "regie-d1-backup/1" || manifest.app !== app) throw new Error(`${join(dir, `${app}.manifest.json`)} is not a Regie backup of ${app}`);
  return manifest;
}

export async function restoreApp(app: AppName, t: Target, dir: string, opts: { force?: boolean; log?: (s: string) => void } = {}): Promise<void> {
  const log = opts.log ?? console.log;
  const manifest = readManifest(dir, app);
  const file = join(dir, manifest.file);
  if (sha256(readFileSync(file)) !== manifest.sha256) throw new Error(`${file} does not match its manifest (damaged or edited)`);

  // The data is restored at the schema level it was taken at; later migrations then run over it as usual.
  const repo = repoMigrations(app);
  if (repo.join("\n") !== manifest.migrations.join("\n")) {
    throw new Error(
      `${app}: the backup was taken at migrations [${manifest.migrations.join(", ")}] but this checkout has [${repo.join(", ")}]. ` +
        `Restore from a checkout at the backup's migration level, then apply newer migrations with \`wrangler d1 migrations apply\`.`,
    );
  }

  // Refuse a database that holds data, before changing anything in it.
  const existing = new Set((await schema(app, t)).filter((o) => o.type === "table").map((o) => o.name));
  const spec = APPS[app];
  const present = manifest.tables.map((x) => x.name).filter((n) => existing.has(n) && !spec.seededByMigrations.includes(n));
  const counts = await countRows(app, t, present);
  const holding = present.map((n, i) => [n, counts[i]!] as const).filter(([, n]) => n > 0).map(([name, n]) => `${name} (${n} rows)`);
  if (holding.length > 0 && !opts.force) {
    throw new Error(`${app}: the ${describeTarget(t)} database is not empty: ${holding.join(", ")}. Restore into an empty database, or pass --force to replace its data.`);
  }

  log(`· ${app}: applying migrations`);
  await applyMigrations(app, t);
  if (holding.length > 0) {
    log(`· ${app}: --force: deleting the current rows of ${holding.length} table(s)`);
    const wipe = [...manifest.tables.map((x) => x.name).filter((n) => !spec.seededByMigrations.includes(n)), ...spec.derived];
    await query(app, t, wipe.map((n) => `DELETE FROM ${ident(n)}`).join(";\n"));
  }

  log(`· ${app}: importing ${manifest.statements} statements`);
  await executeFile(app, t, file);
  // after-restore statements, then the checks: one wrangler call (a failing check fails it)
  const results = await queryAll<{ n: number }>(app, t, [...spec.afterRestore, ...spec.verify, ...manifest.tables.map((x) => countSql(x.name))]);
  const after = results.slice(spec.afterRestore.length + spec.verify.length).map((rows) => Number(rows[0]?.n ?? 0));
  const wrong = manifest.tables.flatMap((x, i) => (after[i] === x.rows ? [] : [`${x.name}: ${after[i]} rows, the backup has ${x.rows}`]));
  if (wrong.length) throw new Error(`${app}: restore incomplete: ${wrong.join("; ")}`);
  log(`· ${app}: restored ${manifest.tables.map((x) => `${x.name} ${x.rows}`).join(", ")} (backup of ${manifest.createdAt})`);
}
