/**
 * Reading a service's answer in the typed clients: a success body is parsed with its contract schema, an error
 * body as problem+json (the shared `Problem`). Either way the caller gets typed data or a typed error.
 */
import type { z } from "@hono/zod-openapi";
import { Problem, zodIssuesToErrors, type FieldError } from "../http/problem";

/** A service answered 2xx with a body that is not JSON or does not match its contract. */
export class UnexpectedResponseError extends Error {
  readonly service: string;
  readonly status: number;
  /** where the body departs from the contract (JSON pointers; never values) */
  readonly errors: FieldError[];
  constructor(service: string, status: number, errors: FieldError[]) {
    super(`${service} answered ${status} with a body that does not match its contract`);
    this.name = "UnexpectedResponseError";
    this.service = service;
    this.status = status;
    this.errors = errors;
  }
}

const NOT_JSON = Symbol("not JSON");

async function readJson(res: Response): Promise<unknown> {
  const text = await res.text();
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return NOT_JSON;
  }
}

/** The problem+json body of an error answer, or undefined when the body is not one. */
export async function readProblem(res: Response): Promise<Problem | undefined> {
  const parsed = Problem.safeParse(await readJson(res));
  return parsed.success ? parsed.data : undefined;
}

/** The body of a success answer, parsed with its contract schema (204: the schema must accept undefined). */
export async function readBody<S extends z.ZodType>(service: string, res: Response, schema: S): Promise<z.infer<S>> {
  const json = await readJson(res);
  if (json === NOT_JSON) throw new UnexpectedResponseError(service, res.status, [{ path: "", message: "the body is not JSON" }]);
  const parsed = schema.safeParse(json);
  if (!parsed.success) throw new UnexpectedResponseError(service, res.status, zodIssuesToErrors(parsed.error.issues));
  return parsed.data;
}
