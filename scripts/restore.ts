/**
 * `npm run restore -- --from DIR [--app catalogue|consent] [--local | --remote] [--env NAME] [--persist-to DIR] [--force]`
 * Restores what `npm run backup` wrote. See docs/operations.md.
 */
import { main, parseOptions } from "./d1-backup/cli";
import { describeTarget } from "./d1-backup/lib";
import { restoreApp } from "./d1-backup/restore";

const USAGE = `npm run restore -- --from DIR [--app catalogue|consent]... [--local | --remote] [--env NAME] [--persist-to DIR] [--force]
  Applies the migrations to each (empty) database, imports the backup, rebuilds the full-text index and checks
  every table's row count against the manifest. Refuses a database that holds data unless --force (which
  replaces it). --local (default) / --remote / --env / --persist-to as for npm run backup.`;

await main(async () => {
  const opts = parseOptions(process.argv.slice(2), USAGE, "from");
  if (!opts.dir) throw new Error("--from DIR is required (a directory written by npm run backup)");
  console.log(`Restoring ${opts.apps.join(", ")} from ${opts.dir} into ${describeTarget(opts.target)}`);
  for (const app of opts.apps) await restoreApp(app, opts.target, opts.dir, { force: opts.force });
});
