/**
 * The catalogue version (`epoch:counter` in catalogue_meta), bumped in every write's batch, and the change log
 * (dataset_changes, migration 0003) trimmed behind it.
 */
export const VERSION = `SELECT (SELECT value FROM catalogue_meta WHERE key = 'epoch') || ':' || (SELECT value FROM catalogue_meta WHERE key = 'version') AS v`;
export const BUMP = `UPDATE catalogue_meta SET value = value + 1 WHERE key = 'version'`;
/** Versions of dataset changes kept in dataset_changes (migration 0003) for isolates to catch up from. */
export const CHANGE_LOG_VERSIONS = 128;
export const PRUNE_CHANGES = [
  `DELETE FROM dataset_changes WHERE counter < (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}`,
  `UPDATE catalogue_meta SET value = max(value, (SELECT value FROM catalogue_meta WHERE key = 'version') - ${CHANGE_LOG_VERSIONS}) WHERE key = 'changes_from'`,
];

/** The version a VERSION statement read in a batch. */
export const versionOf = (result: D1Result) => (result.results[0] as { v: string } | undefined)?.v ?? "0:0";

export async function readVersion(db: D1Database): Promise<string> {
  const row = await db.prepare(VERSION).first<{ v: string }>();
  return row?.v ?? "0:0";
}
