/**
 * `npm run backup -- [--app catalogue|consent] [--local | --remote] [--env NAME] [--persist-to DIR] [--out DIR]`
 * Writes `<out>/<app>.sql` and `<out>/<app>.manifest.json` per app. See docs/operations.md.
 */
import { join } from "node:path";
import { backupApp } from "./d1-backup/backup";
import { main, parseOptions } from "./d1-backup/cli";
import { describeTarget, root } from "./d1-backup/lib";

const USAGE = `npm run backup -- [--app catalogue|consent]... [--local | --remote] [--env NAME] [--persist-to DIR] [--out DIR]
  Exports each D1 database (default: both apps) without its full-text index, as SQL plus a manifest.
  --local (default) reads wrangler's local state (apps/<app>/.wrangler/state, or DIR/<app> with --persist-to);
  --remote reads the production database; --env is passed to wrangler. Default --out: backups/<timestamp>.`;

await main(async () => {
  const opts = parseOptions(process.argv.slice(2), USAGE, "out");
  const dir = opts.dir ?? join(root, "backups", new Date().toISOString().replace(/[:.]/g, "-"));
  console.log(`Backing up ${opts.apps.join(", ")} from ${describeTarget(opts.target)} into ${dir}`);
  for (const app of opts.apps) await backupApp(app, opts.target, dir);
});
