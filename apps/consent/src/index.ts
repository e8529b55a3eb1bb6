import { workerFetch } from "@regie/shared";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";

export { ConsentShard } from "./storage/shard";

/** The deployed worker: configuration checked at start, then the route table of its environment. */
export default {
  fetch: workerFetch<Env>({ service: "consent", requirements: REQUIREMENTS, build: buildApp }),
} satisfies ExportedHandler<Env>;
