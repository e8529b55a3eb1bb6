// Local development configuration for `npm start`: a development issuer key pair and a pseudonym key,
// generated once per clone (kept in .wrangler/dev-secrets.json, never committed) and written into each
// service's .dev.vars so the services trust the portal's development issuer.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { JWK } from "jose";
import { generateEs256Jwk } from "@regie/shared/auth/dev-issuer";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ISSUER = "http://localhost:8787";

export interface DevSecrets {
  devIssuerPrivateJwk: JWK;
  devIssuerPublicJwk: JWK;
  pseudonymKey: string;
}

async function createSecrets(): Promise<DevSecrets> {
  const { privateJwk, publicJwk } = await generateEs256Jwk("dev-" + Date.now().toString(36));
  return {
    devIssuerPrivateJwk: privateJwk,
    devIssuerPublicJwk: publicJwk,
    pseudonymKey: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
  };
}

function devVars(values: Record<string, string>): string {
  return (
    "# Written by scripts/dev-env.ts for local development. Not a production secret.\n" +
    Object.entries(values)
      .map(([k, v]) => `${k}='${v}'`)
      .join("\n") +
    "\n"
  );
}

export async function ensureDevEnv(): Promise<DevSecrets> {
  const file = join(root, ".wrangler", "dev-secrets.json");
  let secrets: DevSecrets;
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, "utf8")) as DevSecrets;
  else {
    secrets = await createSecrets();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const trusted = JSON.stringify([{ issuer: ISSUER, jwks: { keys: [secrets.devIssuerPublicJwk] } }]);
  // The portal's key is passed with --var by scripts/stack.ts (it is no declared secret of the portal).
  // written only when they change: a running `wrangler dev` reloads its worker whenever .dev.vars is written
  writeIfChanged(join(root, "apps/consent/.dev.vars"), devVars({ TRUSTED_ISSUERS: trusted, PSEUDONYM_KEY: secrets.pseudonymKey }));
  writeIfChanged(join(root, "apps/catalogue/.dev.vars"), devVars({ TRUSTED_ISSUERS: trusted }));
  return secrets;
}

function writeIfChanged(file: string, text: string) {
  if (existsSync(file) && readFileSync(file, "utf8") === text) return;
  writeFileSync(file, text);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await ensureDevEnv();
