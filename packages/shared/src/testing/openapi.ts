/**
 * The operations of a service's OpenAPI document that require a credential (a `security` requirement, on the
 * operation or inherited from the document), as "METHOD /path" keys in the document's own path templates.
 * The security matrices derive from it, so a new authenticated route without an expectation fails a test.
 */
const METHODS = ["get", "put", "post", "delete", "patch", "head", "options", "trace"] as const;

interface OpenApiDocument {
  security?: unknown[];
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], { security?: unknown[] }>>>;
}

export function securedOperations(doc: OpenApiDocument): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const op = item[method];
      if (!op) continue;
      const security = op.security ?? doc.security ?? [];
      // `security: []` or only an empty requirement `{}` means anonymous access is allowed
      if (security.some((req) => req && typeof req === "object" && Object.keys(req).length > 0)) out.push(`${method.toUpperCase()} ${path}`);
    }
  }
  return out.sort();
}

/** Fetches `/openapi.json` from a worker under test and returns its secured operations. */
export async function fetchSecuredOperations(fetch: (input: string) => Promise<Response>, origin: string): Promise<string[]> {
  const res = await fetch(`${origin}/openapi.json`);
  if (res.status !== 200) throw new Error(`GET /openapi.json answered ${res.status}`);
  return securedOperations((await res.json()) as OpenApiDocument);
}
