import { buildApp } from "./app";

export { ConsentShard } from "./storage/shard";

const app = buildApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
