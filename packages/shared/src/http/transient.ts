/**
 * Recognises failures of the platform's storage that are worth retrying (a D1 or Durable Object call that
 * failed in transit, an overloaded or reset object), so the app factory can answer 503 with Retry-After
 * instead of a bare 500. Deterministic failures (constraint violations, bugs) are not transient.
 */
const TRANSIENT_MESSAGE =
  /(network connection lost|connection (?:was )?(?:reset|closed|refused)|timed? ?out|overloaded|temporarily unavailable|service unavailable|durable object reset|storage (?:operation )?(?:exceeded|timed out)|internal error in durable object storage|D1 DB is overloaded|too many requests queued)/i;

export function isTransientStorageError(err: unknown): boolean {
  if (!err || typeof err !== "object") return false;
  const e = err as { retryable?: unknown; overloaded?: unknown; message?: unknown };
  if (e.retryable === true || e.overloaded === true) return true;
  return typeof e.message === "string" && TRANSIENT_MESSAGE.test(e.message);
}

/** Seconds a client should wait before retrying after a transient failure. */
export const TRANSIENT_RETRY_AFTER_SECONDS = 1;
