/**
 * Consent's backup round trip against real local D1: tables with composite keys, more rows than one page, 64-bit
 * integers, NULLs, quotes and emoji, and a value longer than one D1 statement may be.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { backupApp } from "../d1-backup/backup";
import { applyMigrations, executeFile, literal, MAX_STATEMENT_BYTES, queryAll } from "../d1-backup/lib";
import { restoreApp } from "../d1-backup/restore";
import { quiet, tempTarget } from "./helpers";

const { work, target } = tempTarget("consent-backup");
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("consent: backup, wipe, restore", () => {
  const backups = join(work, "backups-consent");
  const TABLES: Record<string, string> = {
    organisations: "ura",
    brp_persons: "pseudonym",
    brp_guardians: "guardian, child",
    secondary_use_optouts: "pseudonym",
    secondary_use_events: "event_id",
    provider_notifications: "id",
    provider_subscriptions: "id",
    schema_info: "key",
    deployment_settings: "key",
  };
  // every table as the app reads it, and the integers as SQLite holds them (JSON numbers round beyond 2^53)
  const read = () =>
    queryAll("consent", target, [
      ...Object.entries(TABLES).map(([t, order]) => `SELECT * FROM ${t} ORDER BY ${order}`),
      `SELECT pseudonym, quote(opted_out_at) AS a, quote(opted_in_at) AS b, quote(changed_at) AS c FROM secondary_use_optouts ORDER BY pseudonym`,
    ]);
  let before: unknown[][];
  const hex = (n: number) => Array.from(crypto.getRandomValues(new Uint8Array(n)), (b) => b.toString(16).padStart(2, "0")).join("");
  // a message longer than one D1 statement may be: quotes, newlines, emoji, accents
  const long = Array.from({ length: 6000 }, (_, i) => `Regel ${i}: 'toestemming' van O''Brien — café 😀;\n`).join("");

  beforeAll(async () => {
    await applyMigrations("consent", target);
    const pseudonyms = Array.from({ length: 700 }, () => hex(32));
    const lines = [
      `INSERT INTO organisations (ura, name, organization_type) VALUES ('00000001', 'Ziekenhuis ''t Gooi — café ☕', 'hospital'), ('00000002', 'Huisarts "De Linde"; praktijk', 'gp');`,
      `INSERT INTO schema_info VALUES ('version', '2'), ('note', 'line one\nline two');`,
      // the recorded shard count: a restore must bring it back, or a worker could record another one
      `INSERT INTO deployment_settings (key, value) VALUES ('shard_count', '4096');`,
      ...pseudonyms.map(
        (p, i) => `INSERT INTO brp_persons VALUES ('${p}', ${i % 3 ? `'Persoon ${i}'` : "NULL"}, '19${String(50 + (i % 50))}-0${1 + (i % 9)}-1${i % 9}');`,
      ),
      // more than one page (500 rows), on a two-column key
      ...pseudonyms.flatMap((p, i) => [
        `INSERT INTO brp_guardians VALUES ('${pseudonyms[(i + 1) % 700]}', '${p}');`,
        `INSERT INTO brp_guardians VALUES ('${pseudonyms[(i + 2) % 700]}', '${p}');`,
      ]),
      // integers beyond 2^53, which JSON numbers would round
      ...pseudonyms.map(
        (p, i) =>
          `INSERT INTO secondary_use_optouts VALUES ('${p}', ${i % 2}, ${i % 2 ? String(9007199254740993n + BigInt(i)) : "NULL"}, ${i % 2 ? "NULL" : 1700000000000 + i}, ${1700000000000 + i});`,
      ),
      ...pseudonyms.slice(0, 50).map((p, i) => `INSERT INTO secondary_use_events VALUES ('evt-${i}', '${p}', 1, ${1700000000000 + i});`),
      // one statement may not hold it (D1 and local D1 refuse statements over 100 KB): appended in pieces
      `INSERT INTO provider_notifications VALUES ('n1', '00000001', 'sub-1', 'consent-changed', '', 1700000000001);`,
      ...Array.from(
        { length: Math.ceil(long.length / 10_000) },
        (_, i) => `UPDATE provider_notifications SET message = message || ${literal(long.slice(i * 10_000, (i + 1) * 10_000))} WHERE id = 'n1';`,
      ),
      `INSERT INTO provider_notifications VALUES ('n2', '00000002', 'sub-2', 'consent-changed', 'kort', 1700000000002);`,
      `INSERT INTO provider_subscriptions (id, ura, organization_type, citizen, patient_sealed, data_categories, endpoint, header_names, status, last_error, last_error_at, created_at, updated_at) VALUES ('s1', '00000001', 'Z3', '${pseudonyms[0]}', 'v1.c2VhbGVk', '["GGC002"]', 'https://ehr.example.nl/hook', '["Authorization"]', 'error', 'Gave up, last: HTTP 500', 1700000000003, 1700000000000, 1700000000003);`,
    ];
    const file = join(work, "consent-data.sql");
    writeFileSync(file, lines.join("\n") + "\n");
    await executeFile("consent", target, file);
    before = await read();
    expect(before.map((rows) => rows.length)).toEqual([2, 700, 1400, 700, 50, 2, 1, 2, 1, 700]);
  });

  it("round-trips every table exactly, in statements D1 accepts", async () => {
    const manifest = await backupApp("consent", target, backups, quiet);
    expect(Object.fromEntries(manifest.tables.map((t) => [t.name, t.rows]))).toEqual({
      brp_guardians: 1400,
      brp_persons: 700,
      organisations: 2,
      provider_notifications: 2,
      provider_subscriptions: 1,
      schema_info: 2,
      secondary_use_events: 50,
      secondary_use_optouts: 700,
      deployment_settings: 1,
      address_book_sync: 0,
    });
    const sql = readFileSync(join(backups, "consent.sql"), "utf8");
    const statements = sql.split(/;\n(?=INSERT|UPDATE|--|$)/);
    expect(Math.max(...statements.map((s) => Buffer.byteLength(s)))).toBeLessThanOrEqual(MAX_STATEMENT_BYTES);
    expect(Buffer.byteLength(long)).toBeGreaterThan(MAX_STATEMENT_BYTES);

    rmSync(join(target.persistTo!, "consent"), { recursive: true, force: true });
    await restoreApp("consent", target, backups, { log: quiet });
    expect(await read()).toEqual(before);
  });

  it("with --force, replaces the data of a database that holds data", async () => {
    await queryAll("consent", target, [
      `DELETE FROM brp_guardians WHERE child IN (SELECT child FROM brp_guardians ORDER BY child LIMIT 100)`,
      `INSERT INTO organisations (ura, name, organization_type) VALUES ('00000099', 'Later', 'gp')`,
    ]);
    await restoreApp("consent", target, backups, { force: true, log: quiet });
    expect(await read()).toEqual(before);
  });

  it("refuses a backup file that does not match its manifest", async () => {
    const file = join(backups, "consent.sql");
    writeFileSync(file, readFileSync(file, "utf8").replace("kort", "lang"));
    await expect(restoreApp("consent", target, backups, { force: true, log: quiet })).rejects.toThrow(/does not match its manifest/);
  });
});
