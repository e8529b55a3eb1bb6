// Local development configuration for `npm start`: a development issuer key pair and a pseudonym key,
// generated once per clone (kept in .wrangler/dev-secrets.json, never committed) and written into each
// service's .dev.vars so the services trust the portal's development issuer.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { exportJWK, generateKeyPair } from "jose";

export const root = join(dirname(fileURLToPath(import.meta.url)), "..");
export const ISSUER = "http://localhost:8787";

async function createSecrets() {
  const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
  const kid = "dev-" + Date.now().toString(36);
  return {
    devIssuerPrivateJwk: { ...(await exportJWK(privateKey)), kid, alg: "ES256" },
    devIssuerPublicJwk: { ...(await exportJWK(publicKey)), kid, alg: "ES256", use: "sig" },
    pseudonymKey: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString("base64url"),
  };
}

function devVars(values) {
  return "# Written by scripts/dev-env.mjs for local development. Not a production secret.\n" +
    Object.entries(values).map(([k, v]) => `${k}='${v}'`).join("\n") + "\n";
}

export async function ensureDevEnv() {
  const file = join(root, ".wrangler", "dev-secrets.json");
  let secrets;
  if (existsSync(file)) secrets = JSON.parse(readFileSync(file, "utf8"));
  else {
    secrets = await createSecrets();
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  }
  const trusted = JSON.stringify([{ issuer: ISSUER, jwks: { keys: [secrets.devIssuerPublicJwk] } }]);
  // The portal's key is passed with --var by scripts/stack.mjs (it is no declared secret of the portal).
  writeFileSync(join(root, "apps/consent/.dev.vars"), devVars({ TRUSTED_ISSUERS: trusted, PSEUDONYM_KEY: secrets.pseudonymKey }));
  writeFileSync(join(root, "apps/catalogue/.dev.vars"), devVars({ TRUSTED_ISSUERS: trusted }));
  return secrets;
}

if (import.meta.url === `file://${process.argv[1]}`) await ensureDevEnv();
