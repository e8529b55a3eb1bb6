import { buildApp } from "./app";
import { withPageHeaders } from "./security/headers";

const app = buildApp();

export default {
  fetch: async (request, env, ctx) => withPageHeaders(request, await app.fetch(request, env, ctx)),
} satisfies ExportedHandler<Env>;
