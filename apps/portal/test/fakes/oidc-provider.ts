/**
 * A fake OpenID provider at the HTTP level (https://broker.example, as productionEnv() configures it): a token
 * endpoint that checks the PKCE verifier against the challenge of the authorisation request and answers with an
 * ID token and an access token it signs, and the JWKS to verify them. Installed as the global fetch, so the
 * portal's real login code (oauth4webapi, jose) talks HTTP to it.
 */
import { generateEs256Jwk, signDevToken } from "@regie/shared/auth/dev-issuer";
import { toBase64url } from "@regie/shared/util/encoding";
import { importJWK, SignJWT, type JWK } from "jose";

export const PROVIDER = "https://broker.example";
export const CLIENT_ID = "regie-portal";

export interface TokenRequest {
  url: string;
  method: string;
  headers: Headers;
  body: URLSearchParams;
}

export interface FakeProvider {
  fetch: typeof fetch;
  requests: TokenRequest[];
  /** What the next token answer's ID token says (defaults: this provider, this client, the login's nonce). */
  idToken: { iss?: string; aud?: string; nonce?: string; name?: string; signWith?: "provider" | "stranger" };
  /** The challenge and nonce of the authorisation request the code belongs to. */
  authorize(location: string): void;
}

async function sha256b64url(text: string): Promise<string> {
  return toBase64url(new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text))));
}

export async function fakeProvider(): Promise<FakeProvider> {
  const key = await generateEs256Jwk("broker-1");
  const stranger = await generateEs256Jwk("broker-1");
  let pending: { challenge: string; nonce: string } | undefined;
  const provider: FakeProvider = {
    requests: [],
    idToken: {},
    authorize(location) {
      const url = new URL(location);
      pending = { challenge: url.searchParams.get("code_challenge")!, nonce: url.searchParams.get("nonce")! };
    },
    fetch: (async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = String(input instanceof Request ? input.url : input);
      if (url === `${PROVIDER}/jwks`) return Response.json({ keys: [key.publicJwk] });
      if (url !== `${PROVIDER}/token`) return new Response("not found", { status: 404 });
      const body = new URLSearchParams(String(init?.body ?? ""));
      provider.requests.push({ url, method: String(init?.method), headers: new Headers(init?.headers), body });
      if (!pending || body.get("grant_type") !== "authorization_code" || (await sha256b64url(body.get("code_verifier") ?? "")) !== pending.challenge) {
        return Response.json({ error: "invalid_grant" }, { status: 400 });
      }
      const now = Math.floor(Date.now() / 1000);
      const claims = provider.idToken;
      const signer = claims.signWith === "stranger" ? stranger.privateJwk : key.privateJwk;
      const idToken = await new SignJWT({ nonce: claims.nonce ?? pending.nonce, name: claims.name ?? "Jan Jansen" })
        .setProtectedHeader({ alg: "ES256", kid: "broker-1", typ: "JWT" })
        .setIssuer(claims.iss ?? PROVIDER)
        .setAudience(claims.aud ?? CLIENT_ID)
        .setSubject("pairwise-subject-1")
        .setIssuedAt(now)
        .setExpirationTime(now + 300)
        .sign(await importJWK(signer as JWK, "ES256"));
      const { token } = await signDevToken(key.privateJwk, PROVIDER, { role: "citizen", bsn: "999990007", expiresIn: 600 });
      return Response.json({ access_token: token, id_token: idToken, token_type: "Bearer", expires_in: 600 }, { headers: { "cache-control": "no-store" } });
    }) as typeof fetch,
  };
  return provider;
}
