/**
 * The operations of a service's OpenAPI document that require a credential (a `security` requirement, on the
 * operation or inherited from the document), as "METHOD /path" keys in the document's own path templates.
 * The security matrices derive from it, so a new authenticated route without an expectation fails a test.
 */
import { describe, expect, it } from "vitest";
import { breakingChanges, type OpenApiDoc } from "./openapi-compat";

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

/** Every kind of token `hostileTokens` makes, each of which a protected route must refuse with 401. */
export const HOSTILE_TOKEN_KINDS = ["expired", "otherKey", "algNone", "hs256", "wrongAudience", "wrongIssuer", "noExpiry", "tampered", "garbage"] as const;
export type HostileTokenKind = (typeof HOSTILE_TOKEN_KINDS)[number];

export interface SecuredRoute<R extends string> {
  path(): string;
  /** The roles that may call it; every other role gets 403. */
  roles: readonly R[];
  body?(): unknown;
  type?: string;
}

export interface SecurityMatrixOptions<R extends string> {
  /** The secured operations of the service's /openapi.json (`fetchSecuredOperations`). */
  operations: string[];
  /** The expectation per operation ("METHOD /template"); one missing fails a test. */
  routes: Record<string, SecuredRoute<R>>;
  roles: readonly R[];
  token(role: R): Promise<string>;
  /** Hostile variants of a token of `role` (`hostileTokens`). */
  hostile(role: R): Promise<Record<HostileTokenKind, string>>;
  send(method: string, path: string, token: string | undefined, body: unknown, type: string | undefined): Promise<Response>;
  /** Asserts a problem+json answer with this status. */
  expectProblem(res: Response, status: number, context: string): Promise<void>;
  /** Extra checks of the answer without a token (e.g. its WWW-Authenticate header). */
  withoutToken?(res: Response): void;
}

/**
 * The security matrix derived from /openapi.json: one test per secured operation (no token and every hostile token
 * -> 401, every role not allowed -> 403), and one that the expectations and the document list the same operations.
 */
export function securityMatrix<R extends string>(o: SecurityMatrixOptions<R>) {
  describe("every protected route refuses hostile tokens (401) and other roles (403)", () => {
    it("every operation /openapi.json marks as secured has an expectation here, and every expectation is a secured operation", () => {
      expect(o.operations.length).toBeGreaterThan(0);
      expect(Object.keys(o.routes).sort()).toEqual(o.operations);
    });

    for (const operation of o.operations) {
      it(operation, async () => {
        const route = o.routes[operation];
        expect(route, `no security expectation for ${operation}`).toBeDefined();
        const [method] = operation.split(" ") as [string];
        const call = (token: string | undefined) => o.send(method, route!.path(), token, route!.body?.(), route!.type);
        const anonymous = await call(undefined);
        o.withoutToken?.(anonymous.clone());
        await o.expectProblem(anonymous, 401, "no token");
        const tokens = await o.hostile(route!.roles[0]!);
        for (const kind of HOSTILE_TOKEN_KINDS) await o.expectProblem(await call(tokens[kind]), 401, `${kind} token`);
        for (const role of o.roles) {
          if (route!.roles.includes(role)) continue;
          await o.expectProblem(await call(await o.token(role)), 403, `${role} token`);
        }
      });
    }
  });
}

/**
 * The API answers as it did: the service's live /openapi.json only adds to its committed baseline
 * (`apps/<app>/openapi.baseline.json`; `npm run openapi:baseline` refreshes it).
 */
export function describeOpenApiBaseline(fetch: (input: string) => Promise<Response>, baseline: unknown): void {
  describe("/openapi.json against openapi.baseline.json", () => {
    it("removes, narrows or changes nothing a client of the baseline relies on", async () => {
      const res = await fetch("http://localhost/openapi.json");
      expect(res.status).toBe(200);
      const live = (await res.json()) as OpenApiDoc;
      const before = baseline as OpenApiDoc;
      expect(Object.keys(live.paths ?? {}).length).toBeGreaterThanOrEqual(Object.keys(before.paths ?? {}).length);
      expect(breakingChanges(before, live)).toEqual([]);
    });
  });
}
