/** Restore of one app's D1 database from `<dir>/<app>.sql` + `<dir>/<app>.manifest.json`. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import {
  APPS,
  applyMigrations,
  countSql,
  describeTarget,
  executeFile,
  ident,
  queryAll,
  repoMigrations,
  schema,
  sha256,
  type AppName,
  type Manifest,
  type Target,
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
  const probe = await queryAll<Record<string, unknown>>(app, t, [
    ...present.map(countSql),
    ...(existing.has("d1_migrations") ? [`SELECT name FROM d1_migrations ORDER BY id`] : []),
  ]);
  const holding = present
    .map((n, i) => [n, Number(probe[i]![0]!.n)] as const)
    .filter(([, n]) => n > 0)
    .map(([name, n]) => `${name} (${n} rows)`);
  const applied = existing.has("d1_migrations") ? probe[present.length]!.map((r) => String(r.name)) : [];
  if (holding.length > 0 && !opts.force) {
    throw new Error(
      `${app}: the ${describeTarget(t)} database is not empty: ${holding.join(", ")}. Restore into an empty database, or pass --force to replace its data.`,
    );
  }

  if (applied.join("\n") !== repo.join("\n")) {
    log(`· ${app}: applying migrations`);
    await applyMigrations(app, t);
  }
  let importFile = file;
  if (holding.length > 0) {
    // --force: the current rows are deleted in the same file as the import, so that it replaces them as one
    // transaction (locally) or one all-or-nothing import (D1)
    log(`· ${app}: --force: replacing the rows of ${holding.join(", ")}`);
    const wipe = [...manifest.tables.map((x) => x.name).filter((n) => !spec.seededByMigrations.includes(n)), ...spec.derived];
    const tmp = mkdtempSync(join(tmpdir(), "regie-restore-"));
    importFile = join(tmp, manifest.file);
    writeFileSync(importFile, wipe.map((n) => `DELETE FROM ${ident(n)};`).join("\n") + "\n" + readFileSync(file, "utf8"), { mode: 0o600 });
  }
  log(`· ${app}: importing ${manifest.statements} statements`);
  try {
    await executeFile(app, t, importFile);
  } finally {
    if (importFile !== file) rmSync(dirname(importFile), { recursive: true, force: true });
  }

  // after-restore statements, then the checks: one wrangler call (a failing check fails it)
  const results = await queryAll<{ n?: number; ok?: number }>(app, t, [...spec.afterRestore, ...spec.verify, ...manifest.tables.map((x) => countSql(x.name))]);
  const checks = results.slice(spec.afterRestore.length, spec.afterRestore.length + spec.verify.length);
  checks.forEach((rows, i) => {
    if (rows.some((r) => "ok" in r && r.ok !== 1)) throw new Error(`${app}: check failed after the restore: ${spec.verify[i]}`);
  });
  const after = results.slice(spec.afterRestore.length + spec.verify.length).map((rows) => Number(rows[0]?.n ?? 0));
  const wrong = manifest.tables.flatMap((x, i) => (after[i] === x.rows ? [] : [`${x.name}: ${after[i]} rows, the backup has ${x.rows}`]));
  if (wrong.length) throw new Error(`${app}: restore incomplete: ${wrong.join("; ")}`);
  log(`· ${app}: restored ${manifest.tables.map((x) => `${x.name} ${x.rows}`).join(", ")} (backup of ${manifest.createdAt})`);
}
