/** Backup of one app's D1 database into `<dir>/<app>.sql` and `<dir>/<app>.manifest.json`. */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { APPS, classifyTables, describeTarget, dumpTables, ident, queryAll, schema, sha256, type AppName, type Manifest, type Target } from "./lib";

const ATTEMPTS = 3;

/**
 * Reads the database once: 2 wrangler calls for the schema, then one per round of pages. With a change probe
 * (the catalogue's epoch:version, bumped by every change to datasets) the probe is read with the schema and with
 * every round: if it moved, the datasets read are not one state and the caller reads again.
 */
async function readOnce(app: AppName, t: Target) {
  const objects = await schema(app, t);
  const { real, excluded } = classifyTables(app, objects);
  if (real.length === 0) throw new Error(`${app}: the database has no tables (are the migrations applied, is this the right database?)`);
  const hasMigrations = objects.some((o) => o.type === "table" && o.name === "d1_migrations");
  const spec = APPS[app];
  const probe = spec.changeProbe ? [spec.changeProbe] : [];
  const infoSql = real.map((n) => `PRAGMA table_info(${ident(n)})`);
  const first = await queryAll(app, t, [...infoSql, ...(hasMigrations ? [`SELECT name FROM d1_migrations ORDER BY id`] : []), ...probe]);
  const infos = real.map((name, i) => {
    const cols = first[i] as { name: string; pk: number }[];
    const key = cols
      .filter((c) => c.pk > 0)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
    return { name, columns: cols.map((c) => c.name), key: key.length ? key : ["rowid"] };
  });
  const applied = hasMigrations ? (first[real.length] as { name: string }[]).map((r) => r.name) : [];
  const probeValue = (rows: Record<string, unknown>[][]) => (probe.length ? String(rows[rows.length - 1]?.[0]?.v) : undefined);
  const before = probeValue(first);
  let moved = false;
  const dumped = await dumpTables(
    app,
    t,
    infos,
    (name) => (spec.seededByMigrations.includes(name) ? "INSERT OR REPLACE" : "INSERT"),
    probe,
    (rows) => {
      if (probeValue(rows) !== before) moved = true;
    },
  );
  const parts: string[] = [];
  const tables: Manifest["tables"] = [];
  for (const info of infos) {
    const d = dumped.get(info.name)!;
    parts.push(`-- ${info.name}`, ...d.statements);
    tables.push({ name: info.name, rows: d.rows, columns: info.columns });
  }
  return { applied, tables, excluded, parts, before, moved };
}

export async function backupApp(app: AppName, t: Target, dir: string, log: (s: string) => void = console.log): Promise<Manifest> {
  for (let attempt = 1; ; attempt++) {
    const { applied, tables, excluded, parts, before, moved } = await readOnce(app, t);
    if (moved) {
      if (attempt < ATTEMPTS) {
        log(`· ${app}: the datasets changed while they were read; reading them again`);
        continue;
      }
      throw new Error(`${app}: the data kept changing during ${ATTEMPTS} attempts; take the backup at a quieter moment`);
    }
    const createdAt = new Date().toISOString();
    const header = [
      `-- Regie D1 backup of ${app}, ${createdAt}, from ${describeTarget(t)}.`,
      `-- Data only: restore with \`npm run restore\` (applies the migrations first). Contains pseudonymised personal data.`,
      `PRAGMA defer_foreign_keys = true;`,
    ];
    const sql = [...header, ...parts, ""].join("\n");
    mkdirSync(dir, { recursive: true });
    const file = `${app}.sql`;
    writeFileSync(join(dir, file), sql, { mode: 0o600 });
    const manifest: Manifest = {
      format: "regie-d1-backup/1",
      app,
      createdAt,
      source: describeTarget(t),
      migrations: applied,
      tables,
      excluded,
      ...(before !== undefined ? { changeProbe: before } : {}),
      file,
      sha256: sha256(sql),
      statements: parts.filter((p) => !p.startsWith("--")).length,
    };
    writeFileSync(join(dir, `${app}.manifest.json`), JSON.stringify(manifest, null, 2) + "\n", { mode: 0o600 });
    log(`· ${app}: ${tables.map((x) => `${x.name} ${x.rows}`).join(", ")} -> ${join(dir, file)}`);
    return manifest;
  }
}
