import { workerFetch } from "@regie/shared";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";

/** The deployed worker: configuration checked at start, then the route table of its environment. */
export default { fetch: workerFetch<Env>({ service: "portal", requirements: REQUIREMENTS, build: buildApp }) } satisfies ExportedHandler<Env>;
