import type { MiddlewareHandler } from "hono";
import type { Claims } from "../auth/claims";
import { verifyTokenCached, type VerifiedToken } from "../auth/verify-cached";
import { ApiError } from "./problem";
import { bearerToken } from "./bearer";

/**
 * Per-client rate limiting: 429 problem+json with `Retry-After` when a client sends more than its share.
 *
 * A client is the verified token's subject (the token is verified here, with the same per-isolate cache the
 * routes' requireRole uses, so it costs one signature check per token and isolate); a token that does not verify
 * counts against its address, so it cannot spend the budget of the subject it names. Without a bearer token the
 * client is the `cf-connecting-ip` the edge sets. Requests with neither (service-binding calls between Regie's
 * own workers, tests) are not limited here. See `clientKey`.
 *
 * Counts live in Cloudflare's Rate Limiting binding (`ratelimits` in wrangler.jsonc, binding RATE_LIMITER) when the
 * worker has one, which production always does; its limit and period are configured there and must equal
 * RATE_LIMIT (a test compares them). In development, and without the binding, the in-isolate token bucket below
 * counts instead.
 *
 * The limit comes from the `RATE_LIMIT` variable: "<requests>/<seconds>" (e.g. "600/60"), or "off".
 * Absent means DEFAULT_RATE_LIMIT outside development and off in development (ENVIRONMENT=development:
 * `npm start`, the tests and the benchmarks), so nothing local is throttled by accident.
 */

/** The rule when RATE_LIMIT is not set and ENVIRONMENT is not development. */
export const DEFAULT_RATE_LIMIT = "600/60";

export interface RateLimitRule {
  /** Requests a client may send per period (also the burst size). */
  limit: number;
  periodSeconds: number;
}

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until the client may try again (0 when allowed). */
  retryAfterSeconds: number;
  remaining: number;
}

/** The storage behind the limit: in-isolate by default, Cloudflare's Rate Limiting binding in production. */
export interface RateLimiter {
  take(key: string, rule: RateLimitRule): RateLimitDecision | Promise<RateLimitDecision>;
}

/** Parses "600/60" (requests per seconds). "off", "0", "" and undefined mean no limit; nonsense throws. */
export function parseRateLimit(raw: string | undefined): RateLimitRule | null {
  const value = raw?.trim().toLowerCase();
  if (!value || value === "off" || value === "0") return null;
  const m = /^(\d{1,9})\s*\/\s*(\d{1,6})\s*s?$/.exec(value);
  if (!m) throw new Error(`RATE_LIMIT must look like "600/60" (requests/seconds) or "off", not ${JSON.stringify(raw)}`);
  const limit = Number(m[1]);
  const periodSeconds = Number(m[2]);
  if (limit < 1 || periodSeconds < 1) return null;
  return { limit, periodSeconds };
}

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/**
 * A token bucket per key, held in the isolate's memory: a client may burst up to `limit` requests and then
 * refills at limit/period per second. Bounded: beyond `maxKeys` the least recently used keys are dropped
 * (a dropped client starts again with a full bucket, which errs on the side of serving).
 */
export class TokenBucketLimiter implements RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  constructor(
    private readonly maxKeys = 10_000,
    private readonly clock: () => number = Date.now,
  ) {}

  take(key: string, rule: RateLimitRule): RateLimitDecision {
    const now = this.clock();
    const rate = rule.limit / (rule.periodSeconds * 1000); // tokens per ms
    let bucket = this.buckets.get(key);
    if (bucket) {
      this.buckets.delete(key); // re-insert below: Map order is recency order
      bucket.tokens = Math.min(rule.limit, bucket.tokens + (now - bucket.updatedMs) * rate);
      bucket.updatedMs = now;
    } else {
      bucket = { tokens: rule.limit, updatedMs: now };
      if (this.buckets.size >= this.maxKeys) {
        const oldest = this.buckets.keys().next().value;
        if (oldest !== undefined) this.buckets.delete(oldest);
      }
    }
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0, remaining: Math.floor(bucket.tokens) };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / rate / 1000)), remaining: 0 };
  }

  /** Number of clients currently tracked (for tests). */
  get size(): number {
    return this.buckets.size;
  }
}

/** The shape of Cloudflare's Rate Limiting binding (`ratelimits` in wrangler.jsonc). */
export interface RateLimitBinding {
  limit(options: { key: string }): Promise<{ success: boolean }>;
}

/**
 * Adapter for Cloudflare's Rate Limiting binding, whose limit and period (10 or 60 s) live in
 * wrangler.jsonc; it counts per Cloudflare location rather than per isolate. It does not say when a
 * client may retry, so Retry-After is the whole period.
 */
export function bindingLimiter(binding: RateLimitBinding): RateLimiter {
  return {
    async take(key, rule) {
      const { success } = await binding.limit({ key });
      return success ? { allowed: true, retryAfterSeconds: 0, remaining: -1 } : { allowed: false, retryAfterSeconds: rule.periodSeconds, remaining: 0 };
    },
  };
}

/** A small non-cryptographic hash (FNV-1a, 32 bit) so limiter keys never hold a raw BSN. */
function fnv1a(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/** The identity a verified token speaks for (never a raw BSN). */
function identityOf(claims: Claims): string {
  switch (claims.role) {
    case "citizen":
      return `citizen:${fnv1a(claims.bsn)}`;
    case "provider":
      return `ura:${claims.ura}`;
    case "publisher":
      return `publisher:${claims.publisherId}`;
    default:
      return claims.sub;
  }
}

/** Verifies a bearer token (or throws); absent when the app has no token verification configured. */
export type TokenVerifier = (token: string) => Promise<VerifiedToken>;

/**
 * The client a request counts against:
 * - a bearer token that verifies: "sub:<issuer>|<identity>" (subject, URA, publisher id, or a hash of the BSN);
 * - a bearer token that does not verify: "bad-token:<address>", so a forged token naming someone else never
 *   spends that person's budget, and floods of rejected tokens are limited per address;
 * - no token, or a token the app cannot verify (no TRUSTED_ISSUERS): "ip:<address>";
 * - undefined when there is no address either (service-binding calls between Regie's own workers, tests).
 */
export async function clientKey(headers: { get(name: string): string | null | undefined }, verify?: TokenVerifier): Promise<string | undefined> {
  const ip = headers.get("cf-connecting-ip")?.trim() || undefined;
  const auth = headers.get("authorization");
  if (auth) {
    const token = bearerToken(auth);
    if (!token) return ip ? `bad-token:${ip}` : undefined;
    if (verify) {
      try {
        const { claims, issuer } = await verify(token);
        return `sub:${issuer}|${identityOf(claims)}`;
      } catch {
        return ip ? `bad-token:${ip}` : undefined;
      }
    }
  }
  return ip ? `ip:${ip}` : undefined;
}

export interface RateLimitOptions {
  /**
   * Where counts are kept. Default: outside development, Cloudflare's Rate Limiting binding named `binding` when the
   * worker has it (every production config does); else one in-isolate token bucket limiter per middleware.
   */
  limiter?: RateLimiter;
  /** Name of the Rate Limiting binding (default RATE_LIMITER). */
  binding?: string;
  /** Name of the variable holding the rule (default RATE_LIMIT). */
  variable?: string;
  /** Paths never limited (default: /health, so probes and load balancers are not throttled). */
  exempt?: (path: string) => boolean;
}

const defaultExempt = (path: string) => path === "/health";

/** The middleware `createApp` installs on every app (see the top of this file for the rule it applies). */
export function rateLimit(opts: RateLimitOptions = {}): MiddlewareHandler {
  const fallback = new TokenBucketLimiter();
  const bindingName = opts.binding ?? "RATE_LIMITER";
  const bound = new WeakMap<RateLimitBinding, RateLimiter>();
  const limiterFor = (vars: Record<string, unknown> | undefined): RateLimiter => {
    if (opts.limiter) return opts.limiter;
    // development (where limiting is off unless RATE_LIMIT says otherwise) counts in the isolate, so any rule can be
    // tried locally; everywhere else the binding's shared count is the one that holds
    if (vars?.ENVIRONMENT === "development") return fallback;
    const b = vars?.[bindingName] as RateLimitBinding | undefined;
    if (!b || typeof b.limit !== "function") return fallback;
    let l = bound.get(b);
    if (!l) bound.set(b, (l = bindingLimiter(b)));
    return l;
  };
  const variable = opts.variable ?? "RATE_LIMIT";
  const exempt = opts.exempt ?? defaultExempt;
  let cachedRaw: string | undefined;
  let cachedRule: RateLimitRule | null = null;
  return async (c, next) => {
    const vars = c.env as Record<string, unknown> | undefined;
    const configured = vars?.[variable];
    const raw = typeof configured === "string" ? configured : vars?.ENVIRONMENT === "development" ? "off" : DEFAULT_RATE_LIMIT;
    if (raw !== cachedRaw) {
      cachedRule = parseRateLimit(raw);
      cachedRaw = raw;
    }
    const rule = cachedRule;
    if (!rule || exempt(c.req.path)) return next();
    const trusted = vars?.TRUSTED_ISSUERS;
    const audience = vars?.AUTH_AUDIENCE;
    const verify: TokenVerifier | undefined =
      typeof trusted === "string" && trusted && typeof audience === "string" && audience ? (token) => verifyTokenCached(token, trusted, audience) : undefined;
    const key = await clientKey(c.req.raw.headers, verify);
    if (!key) return next();
    const decision = await limiterFor(vars).take(key, rule);
    if (decision.allowed) return next();
    throw new ApiError(
      "TOO_MANY_REQUESTS",
      `Too many requests from this client; at most ${rule.limit} per ${rule.periodSeconds} s. Try again in ${decision.retryAfterSeconds} s.`,
      {
        headers: {
          "retry-after": String(decision.retryAfterSeconds),
          "ratelimit-policy": `${rule.limit};w=${rule.periodSeconds}`,
          ratelimit: `limit=${rule.limit}, remaining=0, reset=${decision.retryAfterSeconds}`,
        },
      },
    );
  };
}
