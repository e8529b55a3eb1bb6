/**
 * The token of an `Authorization: Bearer <token>` header (RFC 6750 section 2.1: b64token characters, one
 * token, case-insensitive scheme), or undefined when the header is absent or not of that form.
 */
const BEARER = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i;

export function bearerToken(header: string | null | undefined): string | undefined {
  if (!header) return undefined;
  return BEARER.exec(header)?.[1];
}

/** The OpenAPI `security` of a route that needs a bearer token (the "bearer" scheme createApp registers). */
export const BEARER_SECURITY = [{ bearer: [] as string[] }];
