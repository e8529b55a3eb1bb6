/**
 * Versioned schema of a shard object's SQLite. Each object records the versions it applied in `schema_migrations`;
 * the constructor applies the missing ones in order, each in its own transaction with its record, inside
 * `ctx.blockConcurrencyWhile` (no call is served before the schema is current).
 *
 * Version 1 is the schema exactly as objects created it before versions existed (`CREATE … IF NOT EXISTS`, ../schema.ts):
 * on such an object it changes nothing and is recorded, so old objects are recognised without loss. A new version is
 * appended to SHARD_MIGRATIONS, never edited once deployed; it must suit the previous worker version too (additive),
 * since old and new versions run side by side during a gradual deployment. An object whose recorded version is ahead
 * of this code's list is left as it is.
 */
import { SHARD_SCHEMA } from "../schema";

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SHARD_MIGRATIONS: readonly Migration[] = [
  { version: 1, name: "initial schema (as created before versioning)", sql: SHARD_SCHEMA },
  {
    version: 2,
    name: "subscriptions: push channel (rest-hook endpoint, sealed headers) and the sealed patient BSN a notification needs",
    // additive: the previous worker version ignores the new columns; rows from before have no channel (no push)
    sql: `ALTER TABLE subscriptions ADD COLUMN endpoint TEXT;
ALTER TABLE subscriptions ADD COLUMN headers_sealed TEXT;
ALTER TABLE subscriptions ADD COLUMN header_names TEXT;
ALTER TABLE subscriptions ADD COLUMN patient_sealed TEXT;`,
  },
  {
    version: 3,
    name: "access log: on whose behalf, and the professional (UZI number, role, mandate)",
    sql: `ALTER TABLE access_log ADD COLUMN on_behalf_ura TEXT;
ALTER TABLE access_log ADD COLUMN on_behalf_org_type TEXT;
ALTER TABLE access_log ADD COLUMN professional_uzi TEXT;
ALTER TABLE access_log ADD COLUMN professional_role TEXT;
ALTER TABLE access_log ADD COLUMN mandated_by_uzi TEXT;`,
  },
  {
    version: 4,
    name: "provenance: who recorded each FHIR write of a choice, and the source key a migration is idempotent on",
    // additive: a new table; the previous worker version never reads it
    sql: `CREATE TABLE IF NOT EXISTS provenance (
  id TEXT PRIMARY KEY,
  citizen TEXT NOT NULL,
  choice_id TEXT NOT NULL,
  choice_version INTEGER NOT NULL,
  recorded INTEGER NOT NULL,
  activity TEXT NOT NULL,
  agent_ura TEXT NOT NULL,
  agent_org_type TEXT NOT NULL,
  agent_uzi TEXT,
  agent_uzi_role TEXT,
  mandated_by_uzi TEXT,
  source_system TEXT,
  source_value TEXT,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS provenance_choice ON provenance (citizen, choice_id);
CREATE UNIQUE INDEX IF NOT EXISTS provenance_source ON provenance (citizen, agent_ura, source_system, source_value) WHERE source_value IS NOT NULL;`,
  },
  {
    version: 5,
    name: "break-the-glass in the access log (its own flag and reason); wrong koppelcode attempts per pending confirmation",
    // additive: the previous worker version writes 0 / NULL through the defaults and ignores the columns
    sql: `ALTER TABLE access_log ADD COLUMN break_the_glass INTEGER NOT NULL DEFAULT 0;
ALTER TABLE access_log ADD COLUMN emergency_reason TEXT;
ALTER TABLE pending_confirmations ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;`,
  },
];

const VERSION_TABLE = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)";

/** The highest version applied to this object's SQLite (0: none recorded). */
export function schemaVersion(sql: SqlStorage): number {
  sql.exec(VERSION_TABLE);
  return sql.exec<{ v: number | null }>("SELECT max(version) AS v FROM schema_migrations").one().v ?? 0;
}

/** Applies the migrations above the recorded version, in order; returns the versions applied now. */
export function migrate(storage: DurableObjectStorage, migrations: readonly Migration[], now = Date.now()): number[] {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Shard migrations must be numbered 1, 2, 3, … in order; found version ${m.version} at position ${i + 1}`);
  });
  const current = schemaVersion(storage.sql);
  const applied: number[] = [];
  for (const m of migrations) {
    if (m.version <= current) continue;
    storage.transactionSync(() => {
      storage.sql.exec(m.sql);
      storage.sql.exec("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", m.version, m.name, now);
    });
    applied.push(m.version);
  }
  return applied;
}
