/**
 * The worker entry every Regie app exports: it checks the configuration before anything else runs and picks the
 * route table for the environment.
 *
 * - `ENVIRONMENT` must be "production" or "development"; absent means production. What `wrangler deploy` ships is
 *   the top level of each wrangler.jsonc, which says production; `npm start`, the tests and the bench select the
 *   `dev` environment explicitly.
 * - Production and development are two route tables built once per isolate: development routes (seeding, the
 *   development issuer) are not mounted in production at all, so they 404 and are absent from /openapi.json.
 * - A worker whose required secret, variable or binding is missing or malformed answers 503 problem+json on every
 *   route, /health included, naming what is missing (never its value); it never runs half-configured.
 */
import { problemResponse, type FieldError } from "./problem";
import { logger } from "../log/logger";

export type Mode = "production" | "development";

/** One thing a worker needs; `check` returns what is wrong with it, or undefined when it is fine. */
export interface Requirement {
  name: string;
  kind: "secret" | "variable" | "binding";
  /** Only required in this mode (default: both). */
  only?: Mode;
  check(value: unknown, mode: Mode): string | undefined;
}

type Check = (value: string, mode: Mode) => string | undefined;

function stringRequirement(kind: "secret" | "variable", name: string, opts: { only?: Mode; minLength?: number; check?: Check } = {}): Requirement {
  return {
    name,
    kind,
    only: opts.only,
    check(value, mode) {
      if (typeof value !== "string" || value.trim() === "") return `the ${kind} ${name} is not set`;
      if (opts.minLength && value.length < opts.minLength) return `the ${kind} ${name} is shorter than ${opts.minLength} characters`;
      return opts.check?.(value, mode);
    },
  };
}

/** A secret (`wrangler secret put`): present, long enough, and well-formed when `check` says so. */
export function secret(name: string, opts?: { only?: Mode; minLength?: number; check?: Check }): Requirement {
  return stringRequirement("secret", name, opts);
}

/** A variable (`vars` in wrangler.jsonc). */
export function variable(name: string, opts?: { only?: Mode; minLength?: number; check?: Check }): Requirement {
  return stringRequirement("variable", name, opts);
}

const BINDING_SHAPES = {
  d1: { method: "prepare", label: "D1 database" },
  "durable-object": { method: "idFromName", label: "Durable Object namespace" },
  service: { method: "fetch", label: "service binding" },
  "rate-limit": { method: "limit", label: "Rate Limiting binding" },
  r2: { method: "head", label: "R2 bucket" },
  queue: { method: "send", label: "queue producer" },
} as const;

/** A binding of a given kind (checked by the method the runtime's binding object has). */
export function binding(name: string, type: keyof typeof BINDING_SHAPES, opts: { only?: Mode } = {}): Requirement {
  const shape = BINDING_SHAPES[type];
  return {
    name,
    kind: "binding",
    only: opts.only,
    check(value) {
      const fn = value === null || value === undefined ? undefined : (value as Record<string, unknown>)[shape.method];
      return typeof fn === "function" ? undefined : `the ${shape.label} binding ${name} is missing`;
    },
  };
}

/** The environment a worker runs in, or an error when ENVIRONMENT holds something else. */
export function modeOf(env: Record<string, unknown>): Mode | { error: string } {
  const raw = env.ENVIRONMENT;
  if (raw === undefined || raw === "production") return "production";
  if (raw === "development") return "development";
  return { error: `the variable ENVIRONMENT must be "production" or "development", not ${JSON.stringify(raw)}` };
}

export interface ConfigProblem {
  name: string;
  message: string;
}

/** Every requirement that is not met, in declaration order. */
export function configProblems(env: Record<string, unknown>, mode: Mode, requirements: readonly Requirement[]): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const r of requirements) {
    if (r.only && r.only !== mode) continue;
    const message = r.check(env[r.name], mode);
    if (message) problems.push({ name: r.name, message });
  }
  return problems;
}

/** The 503 a misconfigured worker answers on every route. */
export function misconfiguredResponse(service: string, problems: ConfigProblem[]): Response {
  const errors: FieldError[] = problems.map((p) => ({ path: `/env/${p.name}`, message: p.message }));
  const names = problems.map((p) => p.name).join(", ");
  return problemResponse(
    "SERVICE_UNAVAILABLE",
    `The ${service} service is not configured: ${problems.map((p) => p.message).join("; ")}. Missing or invalid: ${names}.`,
    { errors, headers: { "retry-after": "60" } },
  );
}

/** What a worker's fetch is given besides the request and env (the runtime's ExecutionContext has at least this). */
export interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
}

export interface Fetchable<B> {
  fetch(request: Request, env: B, ctx: WorkerContext): Response | Promise<Response>;
}

export interface WorkerOptions<B> {
  /** Service name, used in the 503 detail and the log line. */
  service: string;
  requirements: readonly Requirement[];
  /** Builds the route table for a mode; called at most once per mode and isolate. */
  build(mode: Mode): Fetchable<B>;
}

interface Verdict {
  mode?: Mode;
  problems: ConfigProblem[];
}

/**
 * The `fetch` of a worker: configuration checked once per `env` object (the runtime passes the same one to every
 * request of an isolate; tests pass their own), then the request goes to the route table of its mode.
 */
export function workerFetch<B extends object>(opts: WorkerOptions<B>): (request: Request, env: B, ctx: WorkerContext) => Promise<Response> {
  const apps = new Map<Mode, Fetchable<B>>();
  const verdicts = new WeakMap<object, Verdict>();
  const appFor = (mode: Mode) => {
    let app = apps.get(mode);
    if (!app) apps.set(mode, (app = opts.build(mode)));
    return app;
  };
  const verdictFor = (env: B): Verdict => {
    let v = verdicts.get(env);
    if (!v) {
      const vars = env as Record<string, unknown>;
      const mode = modeOf(vars);
      v =
        typeof mode === "string"
          ? { mode, problems: configProblems(vars, mode, opts.requirements) }
          : { problems: [{ name: "ENVIRONMENT", message: mode.error }] };
      if (v.problems.length > 0) {
        // names only: a value may be a secret
        logger.error("configuration incomplete", { service: opts.service, missing: v.problems.map((p) => p.name) });
      }
      verdicts.set(env, v);
    }
    return v;
  };
  return async (request, env, ctx) => {
    const verdict = verdictFor(env);
    if (verdict.problems.length > 0 || !verdict.mode) return misconfiguredResponse(opts.service, verdict.problems);
    return appFor(verdict.mode).fetch(request, env, ctx);
  };
}
