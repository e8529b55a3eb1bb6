import { workerFetch } from "@regie/shared";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { queueHandler } from "./push/consumer";

export { ConsentShard } from "./storage/shard";

/** The deployed worker: configuration checked at start, then the route table of its environment; the push queues. */
export default {
  fetch: workerFetch<Env>({ service: "consent", requirements: REQUIREMENTS, build: buildApp }),
  queue: (batch, env) => queueHandler(batch, env),
} satisfies ExportedHandler<Env>;
