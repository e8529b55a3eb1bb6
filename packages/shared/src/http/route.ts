/**
 * Compact OpenAPI route declarations: a builder bound to the tags and the role of a group of routes sets `security`
 * and the `requireRole` middleware together, and each route gives its method, path, summary, request, description,
 * success response and error statuses in one expression. What it returns is a plain route config for
 * `app.openapi(route, handler)`, so hono still infers `c.req.valid(...)`, `c.get("auth")` and checks the handler's
 * answers against the declared responses.
 */
import { createRoute, type RouteConfig } from "@hono/zod-openapi";
import type { MiddlewareHandler } from "hono";
import type { ZodType } from "zod";
import type { ClaimsOf, Role } from "../auth/claims";
import { requireRole, type AuthBindings } from "../auth/middleware";
import { BEARER_SECURITY } from "./bearer";
import { jsonBody, jsonResponse } from "./body";
import { problemResponses, type Problem, type PROBLEM_CONTENT_TYPE } from "./problem";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Request = NonNullable<RouteConfig["request"]>;
type Responses = RouteConfig["responses"];
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyMiddleware = MiddlewareHandler<any, any, any>;
type ProblemEntry = { description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof Problem } } };
/** The problem+json entries of the given statuses, keyed by each status (so a handler's answers are checked). */
export type Problems<S extends number> = { [K in S]: ProblemEntry };
type RoleMiddleware<R extends Role> = MiddlewareHandler<{ Bindings: AuthBindings; Variables: { auth: ClaimsOf<R> } }>;

/**
 * The parts of a route's request (`params`, `query`, `headers`, `cookies`, `body`); `json` is a required JSON body of
 * that schema, as `body: jsonBody(schema)` declares it.
 */
export type RouteRequest = Request & { json?: ZodType };
/** The request config of a `RouteRequest`: the same parts, `json` as the JSON body. */
export type RequestOf<Q extends RouteRequest | undefined> = Q extends { json: infer J extends ZodType }
  ? Omit<Q, "json"> & { body: ReturnType<typeof jsonBody<J>> }
  : Q;

/** The route config `respond`, `ok` and `created` give: what `createRoute` would have made of the same fields. */
export type BuiltRoute<Me extends Method, P extends string, Q extends Request | undefined, M extends AnyMiddleware[], Res extends Responses> = {
  method: Me;
  path: P;
  tags: string[];
  summary: string;
  description?: string;
  security?: typeof BEARER_SECURITY;
  middleware: M;
  request: Q;
  responses: Res;
  getRoutingPath(): string;
};

/** A route with its method, path, text and request; its responses finish it. */
export interface RouteStart<Me extends Method, P extends string, Q extends Request | undefined, M extends AnyMiddleware[]> {
  /** A longer description under the summary (none when undefined). */
  describe(description: string | undefined): RouteStart<Me, P, Q, M>;
  /** The given responses plus a problem+json entry for each error status. */
  respond<Res extends Responses, const S extends number[]>(responses: Res, ...errors: S): BuiltRoute<Me, P, Q, M, Res & Problems<S[number]>>;
  /** 200 with a JSON body of `schema`, plus the error statuses. */
  ok<T extends ZodType, const S extends number[]>(
    schema: T,
    description: string,
    ...errors: S
  ): BuiltRoute<Me, P, Q, M, { 200: ReturnType<typeof jsonResponse<T>> } & Problems<S[number]>>;
  /** 201 with a JSON body of `schema`, plus the error statuses. */
  created<T extends ZodType, const S extends number[]>(
    schema: T,
    description: string,
    ...errors: S
  ): BuiltRoute<Me, P, Q, M, { 201: ReturnType<typeof jsonResponse<T>> } & Problems<S[number]>>;
}

type Starter<Me extends Method, M extends AnyMiddleware[]> = <P extends string, Q extends RouteRequest | undefined = undefined>(
  path: P,
  summary: string,
  request?: Q,
) => RouteStart<Me, P, RequestOf<Q>, M>;

/** The request config of a `RouteRequest` at run time (the same keys in the same order, `json` as `body`). */
function requestOf(request: RouteRequest | undefined): Request | undefined {
  if (request === undefined) return undefined;
  return Object.fromEntries(Object.entries(request).map(([key, value]) => (key === "json" ? ["body", jsonBody(value as ZodType)] : [key, value])));
}

export interface RouteBuilder<M extends AnyMiddleware[]> {
  get: Starter<"get", M>;
  post: Starter<"post", M>;
  put: Starter<"put", M>;
  patch: Starter<"patch", M>;
  delete: Starter<"delete", M>;
  /** The same routes with more middleware after the role check (e.g. idempotency). */
  with<X extends AnyMiddleware[]>(...middleware: X): RouteBuilder<[...M, ...X]>;
}

function builder<M extends AnyMiddleware[]>(tags: string[], secured: boolean, middleware: M): RouteBuilder<M> {
  const finish = (method: Method, path: string, summary: string, request: Request | undefined, description: string | undefined) => {
    const respond = (responses: Responses, ...errors: number[]) =>
      createRoute({
        method,
        path,
        tags,
        summary,
        ...(description !== undefined ? { description } : {}),
        ...(secured ? { security: BEARER_SECURITY } : {}),
        ...(middleware.length ? { middleware } : {}),
        ...(request !== undefined ? { request } : {}),
        responses: { ...responses, ...problemResponses(...errors) },
      });
    return {
      describe: (text: string | undefined) => finish(method, path, summary, request, text),
      respond,
      ok: (schema: ZodType, desc: string, ...errors: number[]) => respond({ 200: jsonResponse(schema, desc) }, ...errors),
      created: (schema: ZodType, desc: string, ...errors: number[]) => respond({ 201: jsonResponse(schema, desc) }, ...errors),
    };
  };
  const start =
    <Me extends Method>(method: Me): Starter<Me, M> =>
    (path, summary, request) =>
      finish(method, path, summary, requestOf(request), undefined) as never;
  return {
    get: start("get"),
    post: start("post"),
    put: start("put"),
    patch: start("patch"),
    delete: start("delete"),
    with: (...more) => builder(tags, secured, [...middleware, ...more]),
  };
}

/**
 * The routes of one group: `tags`, and with `role` the bearer security and `requireRole(...role)` first in every
 * route's middleware (so `c.get("auth")` is typed by the role). For example
 * `app.openapi(citizen.post("/v1/me/choices", "Record a choice", { json: ChoiceInput }).created(ChoiceResult, "Recorded", 400, 401), handler)`.
 */
export function routeGroup(opts: { tags: string[] }): RouteBuilder<[]>;
export function routeGroup<R extends Role>(opts: { tags: string[]; role: R | readonly R[] }): RouteBuilder<[RoleMiddleware<R>]>;
export function routeGroup<R extends Role>(opts: { tags: string[]; role?: R | readonly R[] }): RouteBuilder<AnyMiddleware[]> {
  if (opts.role === undefined) return builder(opts.tags, false, []);
  const roles: R[] = typeof opts.role === "string" ? [opts.role as R] : [...(opts.role as readonly R[])];
  return builder(opts.tags, true, [requireRole(...roles)]);
}
