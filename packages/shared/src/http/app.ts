import { OpenAPIHono, z } from "@hono/zod-openapi";
import type { Env, MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { errorFields, logger } from "../log/logger";
import { ApiError, PROBLEM_CONTENT_TYPE, problemResponse, zodIssuesToErrors, type ErrorCode } from "./problem";
import { docsHtml, docsInitJs } from "./docs";
import { rateLimit, type RateLimitOptions } from "./rate-limit";
import { API_CSP, DOCS_CSP, securityHeaders } from "./security-headers";
import { isTransientStorageError, TRANSIENT_RETRY_AFTER_SECONDS } from "./transient";

export interface AppOptions {
  /** Service name, shown in /health and the OpenAPI document. */
  name: string;
  title: string;
  version?: string;
  description?: string;
  /** Largest accepted request body (default 1 MiB); larger -> 413. */
  maxBodyBytes?: number;
  /** Media types accepted on requests with a body (default: JSON). Others -> 415. */
  acceptedContentTypes?: string[];
  /** Other media types accepted only on paths matching `path` (e.g. file uploads); the route checks the rest. */
  uploadContentTypes?: { path: RegExp; types: readonly string[] };
  /** A larger body limit on paths matching `path` only (file uploads); everything else keeps maxBodyBytes. */
  largeBodies?: { path: RegExp; maxBytes: number };
  /** Serve /openapi.json and /docs (default true). */
  openapi?: boolean;
  /** Extra middleware to run before the routes (e.g. rate limiting). */
  middleware?: MiddlewareHandler[];
  /** Per-client rate limiting, active when the RATE_LIMIT variable sets a rule (see rate-limit.ts); false disables. */
  rateLimit?: RateLimitOptions | false;
  /**
   * Middleware around everything else on some paths: registered first, it sees every answer there, also those the
   * factory's own checks (413, 415, 429) give before any route (e.g. errors in another format below /fhir).
   */
  outer?: { paths: string[]; middleware: MiddlewareHandler }[];
}

const DEFAULT_MAX_BODY = 1024 * 1024;

function mediaType(header: string | undefined): string | undefined {
  return header?.split(";")[0]?.trim().toLowerCase() || undefined;
}

function acceptsType(accepted: string[], type: string): boolean {
  return accepted.some((a) => a === type || (a === "application/json" && /^application\/[a-z0-9.+-]*\+json$/.test(type)));
}

/** Log one line about an unexpected failure: never the request body, query or headers. */
function logUnexpected(err: unknown, method: string, path: string, reqId: string | undefined) {
  logger.error("unhandled", { requestId: reqId, method, route: path, ...errorFields(err) });
}

/**
 * The one app factory every Regie worker uses: zod validation errors -> 400 problem+json with errors[],
 * unknown routes -> 404, unexpected errors -> 500 without internals, request ids, security headers,
 * body size limit -> 413, unsupported content type -> 415, /health, /openapi.json and /docs.
 */
export function createApp<E extends Env = Env>(opts: AppOptions) {
  const app = new OpenAPIHono<E>({
    defaultHook: (result, c) => {
      if (!result.success) {
        const target = result.target === "json" || result.target === "form" ? "" : `/${result.target}`;
        return problemResponse("VALIDATION_FAILED", `The ${result.target === "json" ? "request body" : result.target} is not valid`, {
          errors: zodIssuesToErrors(result.error.issues, target),
          requestId: c.get("requestId" as never),
        });
      }
    },
  });
  const accepted = opts.acceptedContentTypes ?? ["application/json"];
  const maxBody = opts.maxBodyBytes ?? DEFAULT_MAX_BODY;

  for (const o of opts.outer ?? []) for (const path of o.paths) app.use(path, o.middleware);
  app.use("*", requestId({ headerName: "x-request-id", limitLength: 64 }));
  // Baseline security headers with the API's CSP; a route group (HTML pages, /docs) mounts its own, which wins.
  app.use("*", securityHeaders({ contentSecurityPolicy: API_CSP }));
  if (opts.rateLimit !== false) app.use("*", rateLimit(opts.rateLimit));
  app.use("*", async (c, next) => {
    const method = c.req.method;
    if (method === "POST" || method === "PUT" || method === "PATCH") {
      const length = c.req.header("content-length");
      const hasBody = (length !== undefined && length !== "0") || c.req.header("transfer-encoding") !== undefined;
      if (hasBody) {
        const type = mediaType(c.req.header("content-type"));
        const upload = opts.uploadContentTypes;
        const uploadOk = !!type && !!upload && upload.path.test(c.req.path) && upload.types.includes(type);
        if (!uploadOk && (!type || !acceptsType(accepted, type))) {
          throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Send the body as ${accepted.join(" or ")}`, { headers: { accept: accepted.join(", ") } });
        }
      }
    }
    await next();
  });
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new ApiError("PAYLOAD_TOO_LARGE", `The request body is larger than ${maxSize} bytes`);
      },
    });
  const defaultLimit = limit(maxBody);
  const large = opts.largeBodies;
  const largeLimit = large ? limit(large.maxBytes) : defaultLimit;
  app.use("*", (c, next) => (large && large.path.test(c.req.path) ? largeLimit(c, next) : defaultLimit(c, next)));
  for (const mw of opts.middleware ?? []) app.use("*", mw);

  app.notFound((c) =>
    problemResponse("NOT_FOUND", `No resource at ${c.req.method} ${new URL(c.req.url).pathname}`, { requestId: c.get("requestId" as never) }),
  );

  app.onError((err, c) => {
    const reqId = c.get("requestId" as never) as string | undefined;
    if (err instanceof ApiError) {
      return problemResponse(err.code, err.message, { errors: err.errors, requestId: reqId, headers: err.headers });
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      const code: ErrorCode =
        status === 400
          ? /json/i.test(err.message)
            ? "MALFORMED_JSON"
            : "BAD_REQUEST"
          : status === 401
            ? "UNAUTHORIZED"
            : status === 403
              ? "FORBIDDEN"
              : status === 404
                ? "NOT_FOUND"
                : status === 413
                  ? "PAYLOAD_TOO_LARGE"
                  : status === 415
                    ? "UNSUPPORTED_MEDIA_TYPE"
                    : status === 429
                      ? "TOO_MANY_REQUESTS"
                      : status < 500
                        ? "BAD_REQUEST"
                        : "INTERNAL";
      const detail = code === "MALFORMED_JSON" ? "The request body is not valid JSON" : status < 500 ? err.message : undefined;
      return problemResponse(code, detail, { requestId: reqId });
    }
    if (err instanceof z.ZodError) {
      return problemResponse("VALIDATION_FAILED", "The request is not valid", { errors: zodIssuesToErrors(err.issues), requestId: reqId });
    }
    logUnexpected(err, c.req.method, c.req.routePath, reqId);
    if (isTransientStorageError(err)) {
      return problemResponse("SERVICE_UNAVAILABLE", "A storage call failed on the way; try again.", {
        requestId: reqId,
        headers: { "retry-after": String(TRANSIENT_RETRY_AFTER_SECONDS) },
      });
    }
    return problemResponse("INTERNAL", "An unexpected error occurred; it has been logged", { requestId: reqId });
  });

  app.get("/health", (c) => c.json({ status: "ok", service: opts.name, version: opts.version ?? "0.1.0" }));

  if (opts.openapi !== false) {
    app.openAPIRegistry.registerComponent("securitySchemes", "bearer", { type: "http", scheme: "bearer", bearerFormat: "JWT" });
    app.doc31("/openapi.json", (c) => ({
      openapi: "3.1.0",
      info: { title: opts.title, version: opts.version ?? "0.1.0", description: opts.description },
      servers: [{ url: new URL(c.req.url).origin }],
    }));
    app.use("/docs", securityHeaders({ contentSecurityPolicy: DOCS_CSP }));
    app.get("/docs", (c) => c.html(docsHtml(opts.title)));
    app.get("/docs/init.js", (c) => {
      c.header("content-type", "text/javascript; charset=utf-8");
      return c.body(docsInitJs());
    });
  }
  return app;
}

export { PROBLEM_CONTENT_TYPE };
