import { z } from "@hono/zod-openapi";
import { component } from "../contracts/component";

/**
 * One error-code enum for every app, each mapped once to an HTTP status.
 * Clients can rely on `type` (a stable URI built from the code) as well as `status`.
 */
export const ERROR_STATUS = {
  BAD_REQUEST: 400,
  VALIDATION_FAILED: 400,
  MALFORMED_JSON: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  NOT_ACCEPTABLE: 406,
  CONFLICT: 409,
  GONE: 410,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  UNPROCESSABLE: 422,
  TOO_MANY_REQUESTS: 429,
  INTERNAL: 500,
  SERVICE_UNAVAILABLE: 503,
  /** The deployment's configuration contradicts its stored data (e.g. another SHARD_COUNT): not transient, no retry. */
  MISCONFIGURED: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

const TITLES: Record<ErrorCode, string> = {
  BAD_REQUEST: "Bad request",
  VALIDATION_FAILED: "Request validation failed",
  MALFORMED_JSON: "Malformed JSON body",
  UNAUTHORIZED: "Authentication required",
  FORBIDDEN: "Forbidden",
  NOT_FOUND: "Not found",
  METHOD_NOT_ALLOWED: "Method not allowed",
  NOT_ACCEPTABLE: "Not acceptable",
  CONFLICT: "Conflict",
  GONE: "Gone",
  PAYLOAD_TOO_LARGE: "Payload too large",
  UNSUPPORTED_MEDIA_TYPE: "Unsupported media type",
  UNPROCESSABLE: "Unprocessable content",
  TOO_MANY_REQUESTS: "Too many requests",
  INTERNAL: "Internal server error",
  SERVICE_UNAVAILABLE: "Service unavailable",
  MISCONFIGURED: "Service misconfigured",
};

export const PROBLEM_CONTENT_TYPE = "application/problem+json";

export const ProblemFieldError = component("ProblemFieldError", { path: z.string().openapi({ example: "/patient/bsn" }), message: z.string() });

/** RFC 9457 problem details. */
export const Problem = component("Problem", {
  type: z.string().openapi({ example: "https://regie.nl/problems/validation-failed" }),
  title: z.string(),
  status: z.number().int(),
  detail: z.string().optional(),
  instance: z.string().optional(),
  code: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(ProblemFieldError).optional(),
});
export type Problem = z.infer<typeof Problem>;
export type FieldError = z.infer<typeof ProblemFieldError>;

export function problemType(code: ErrorCode): string {
  return `https://regie.nl/problems/${code.toLowerCase().replace(/_/g, "-")}`;
}

/** An error a handler throws on purpose; the app factory turns it into problem+json. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  constructor(code: ErrorCode, detail?: string, opts: { errors?: FieldError[]; headers?: Record<string, string> } = {}) {
    super(detail ?? TITLES[code]);
    this.name = "ApiError";
    this.code = code;
    this.status = ERROR_STATUS[code];
    this.errors = opts.errors;
    this.headers = opts.headers;
  }
}

export function problemBody(code: ErrorCode, detail?: string, extra: { errors?: FieldError[]; requestId?: string; instance?: string } = {}): Problem {
  const body: Problem = { type: problemType(code), title: TITLES[code], status: ERROR_STATUS[code], code };
  if (detail) body.detail = detail;
  if (extra.instance) body.instance = extra.instance;
  if (extra.requestId) body.requestId = extra.requestId;
  if (extra.errors) body.errors = extra.errors;
  return body;
}

export function problemResponse(
  code: ErrorCode,
  detail?: string,
  extra: { errors?: FieldError[]; requestId?: string; instance?: string; headers?: Record<string, string> } = {},
): Response {
  const body = problemBody(code, detail, extra);
  return new Response(JSON.stringify(body), { status: body.status, headers: { "content-type": PROBLEM_CONTENT_TYPE, ...(extra.headers ?? {}) } });
}

/** Zod issues -> `errors[]` with JSON-pointer paths. Never echoes input values (they may hold a BSN). */
export function zodIssuesToErrors(issues: ReadonlyArray<{ path: ReadonlyArray<PropertyKey>; message: string }>, prefix = ""): FieldError[] {
  return issues.map((issue) => ({ path: prefix + (issue.path.length ? "/" + issue.path.map((p) => String(p)).join("/") : ""), message: issue.message }));
}

/** Standard OpenAPI response entries for errors, to spread into a route's `responses`. */
export function problemResponses(...statuses: number[]) {
  const out: Record<number, { description: string; content: { [PROBLEM_CONTENT_TYPE]: { schema: typeof Problem } } }> = {};
  for (const status of statuses) {
    const code = (Object.keys(ERROR_STATUS) as ErrorCode[]).find((k) => ERROR_STATUS[k] === status);
    out[status] = { description: code ? TITLES[code] : `HTTP ${status}`, content: { [PROBLEM_CONTENT_TYPE]: { schema: Problem } } };
  }
  return out;
}
