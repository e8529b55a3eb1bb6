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
export * from "./apps";
export * from "./statements";
export * from "./tables";
export * from "./wrangler";
