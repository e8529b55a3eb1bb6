/** The consent worker's configuration: what it needs before it serves anything (see packages/shared/src/http/worker.ts). */
import { binding, secret, variable, type Requirement } from "@regie/shared/http/worker";
import { trustedIssuersProblem } from "@regie/shared/auth/verify";

/** What the consent worker needs before it serves anything (503 naming what is missing otherwise). */
export const REQUIREMENTS: readonly Requirement[] = [
  secret("TRUSTED_ISSUERS", { check: trustedIssuersProblem }),
  // HMAC key of the BSN pseudonyms: at least 32 characters of random material
  secret("PSEUDONYM_KEY", { minLength: 32 }),
  variable("AUTH_AUDIENCE"),
  variable("SHARD_COUNT", { check: (v) => (/^[1-9]\d{0,5}$/.test(v) ? undefined : `the variable SHARD_COUNT must be a positive integer, not ${JSON.stringify(v)}`) }),
  binding("DB", "d1"),
  binding("SHARDS", "durable-object"),
  binding("RATE_LIMITER", "rate-limit", { only: "production" }),
];
