/** The consent worker's configuration: what it needs before it serves anything (see packages/shared/src/http/worker.ts). */
import { binding, secret, variable, type Requirement } from "@regie/shared/http/worker";
import { trustedIssuersProblem } from "@regie/shared/auth/verify";
import { outboundUrlProblem } from "@regie/shared/http/outbound-fetch";

/** Production's shard count, fixed from day one (docs/consent.md, "Shards"; guarded by storage/shard-count.ts). */
export const PRODUCTION_SHARD_COUNT = 4096;

/** What the consent worker needs before it serves anything (503 naming what is missing otherwise). */
export const REQUIREMENTS: readonly Requirement[] = [
  secret("TRUSTED_ISSUERS", { check: trustedIssuersProblem }),
  // HMAC key of the BSN pseudonyms: at least 32 characters of random material
  secret("PSEUDONYM_KEY", { minLength: 32 }),
  variable("AUTH_AUDIENCE"),
  // fixed for the life of the store (storage/shard-count.ts guards a populated store against another value)
  variable("SHARD_COUNT", {
    check: (v, mode) =>
      !/^[1-9]\d{0,5}$/.test(v)
        ? `the variable SHARD_COUNT must be a positive integer, not ${JSON.stringify(v)}`
        : mode === "production" && Number(v) !== PRODUCTION_SHARD_COUNT
          ? `the variable SHARD_COUNT must be ${PRODUCTION_SHARD_COUNT} in production, not ${v}`
          : undefined,
  }),
  // the address book's scheduled `_history` sync source (a FHIR base URL), or "off"; an address the outbound guard
  // refuses in this mode (http, a private or local host in production) is refused at start
  variable("ADDRESS_BOOK_SOURCE", {
    check: (v, mode) => {
      if (v === "off") return undefined;
      const problem = outboundUrlProblem(v, mode);
      return problem ? `the variable ADDRESS_BOOK_SOURCE must be "off" or a URL the worker may call (${problem})` : undefined;
    },
  }),
  binding("DB", "d1"),
  binding("SHARDS", "durable-object"),
  // the shards' outboxes send subscribers' notifications here (src/push/consumer.ts consumes it)
  binding("PUSH_QUEUE", "queue"),
  binding("RATE_LIMITER", "rate-limit", { only: "production" }),
];
