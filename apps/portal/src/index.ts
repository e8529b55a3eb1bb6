import { workerFetch } from "@regie/shared";
import { buildApp } from "./app";
import { REQUIREMENTS } from "./config";
import { withPageHeaders } from "./security/headers";

const portal = workerFetch<Env>({ service: "portal", requirements: REQUIREMENTS, build: buildApp });

/** The deployed worker: configuration checked at start, then the route table of its environment. */
export default {
  fetch: async (request, env, ctx) => withPageHeaders(request, await portal(request, env, ctx)),
} satisfies ExportedHandler<Env>;
