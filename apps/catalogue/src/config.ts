/** The catalogue worker's configuration: what it needs before it serves anything (see packages/shared/src/http/worker.ts). */
import { binding, secret, variable, type Requirement } from "@regie/shared/http/worker";
import { trustedIssuersProblem } from "@regie/shared/auth/verify";
import { emailSenderProblem } from "./notifications/sender-choice";
import { capacityProblem, chunkProblem, MIN_PARTITIONS, partitionCountProblem } from "./storage/docs/limits";

/** What the catalogue worker needs before it serves anything (503 naming what is missing otherwise). */
export const REQUIREMENTS: readonly Requirement[] = [
  secret("TRUSTED_ISSUERS", { check: trustedIssuersProblem }),
  variable("AUTH_AUDIENCE"),
  binding("DB", "d1"),
  // the document partitions (src/storage/docs/): at least DOCS_0 … DOCS_3; DOC_PARTITIONS may name more
  ...Array.from({ length: MIN_PARTITIONS }, (_, i) => binding(`DOCS_${i}`, "d1")),
  variable("DOC_PARTITIONS", { check: partitionCountProblem }),
  variable("DOC_PARTITION_CAPACITY", { check: capacityProblem }),
  // a pushed harvest document too big for one invocation: kept in R2, continued through the queue (src/harvest-push/)
  binding("HARVEST_DOCS", "r2"),
  binding("HARVEST_QUEUE", "queue"),
  variable("HARVEST_INVOCATION_DATASETS", { check: chunkProblem }),
  binding("SEARCH_SHARDS", "durable-object"),
  variable("SEARCH_SHARD_COUNT"),
  binding("CONSENT", "service"),
  // attachments of access applications (src/attachments/store.ts)
  binding("ATTACHMENTS", "r2"),
  // how e-mail about applications is sent (src/notifications/sender.ts)
  variable("EMAIL_SENDER", { check: emailSenderProblem }),
  binding("RATE_LIMITER", "rate-limit", { only: "production" }),
];
