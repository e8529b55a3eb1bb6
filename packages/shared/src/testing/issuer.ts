/**
 * Test identity setup, run on the Node side of vitest configs: a fresh ES256 key pair per test run,
 * passed to the worker under test as bindings. Never used in production code.
 */
import { generateEs256Jwk } from "../auth/dev-issuer";

export const TEST_ISSUER = "https://issuer.test.regie.nl";

export async function testAuthBindings(): Promise<Record<string, string>> {
  const { privateJwk, publicJwk } = await generateEs256Jwk("test-key");
  return { TRUSTED_ISSUERS: JSON.stringify([{ issuer: TEST_ISSUER, jwks: { keys: [publicJwk] } }]), TEST_ISSUER, TEST_SIGNING_JWK: JSON.stringify(privateJwk) };
}
