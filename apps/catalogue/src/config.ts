/** The catalogue worker's configuration: what it needs before it serves anything (see packages/shared/src/http/worker.ts). */
import { binding, secret, variable, type Requirement } from "@regie/shared/http/worker";
import { trustedIssuersProblem } from "@regie/shared/auth/verify";
import { emailSenderProblem } from "./notifications/sender-choice";

/** What the catalogue worker needs before it serves anything (503 naming what is missing otherwise). */
export const REQUIREMENTS: readonly Requirement[] = [
  secret("TRUSTED_ISSUERS", { check: trustedIssuersProblem }),
  variable("AUTH_AUDIENCE"),
  binding("DB", "d1"),
  binding("SEARCH_SHARDS", "durable-object"),
  variable("SEARCH_SHARD_COUNT"),
  binding("CONSENT", "service"),
  // attachments of access applications (src/attachments/store.ts)
  binding("ATTACHMENTS", "r2"),
  // how e-mail about applications is sent (src/notifications/sender.ts)
  variable("EMAIL_SENDER", { check: emailSenderProblem }),
  binding("RATE_LIMITER", "rate-limit", { only: "production" }),
];
