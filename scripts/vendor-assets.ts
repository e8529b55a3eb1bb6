// Copies the offline API reference UI (swagger-ui-dist) into each app's static assets,
// so /docs renders with no internet. Runs on `npm install` / `npm ci` (postinstall, with tsx from the devDependencies).
import { mkdirSync, copyFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const require = createRequire(join(root, "package.json"));
let dist: string;
try {
  dist = dirname(require.resolve("swagger-ui-dist/package.json"));
} catch {
  console.warn("vendor-assets: swagger-ui-dist not installed; /docs will not render");
  process.exit(0);
}
for (const app of ["consent", "catalogue", "portal"]) {
  const appDir = join(root, "apps", app);
  if (!existsSync(appDir)) continue;
  const target = join(appDir, "public", "vendor", "swagger-ui");
  mkdirSync(target, { recursive: true });
  for (const file of ["swagger-ui-bundle.js", "swagger-ui.css"]) {
    copyFileSync(join(dist, file), join(target, file));
  }
}
