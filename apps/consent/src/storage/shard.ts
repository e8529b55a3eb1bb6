import { DurableObject } from "cloudflare:workers";
import type { Bindings } from "../env";

/** A shard of citizens: their choices, subscriptions, notifications and access log (SQLite-backed). */
export class ConsentShard extends DurableObject<Bindings> {
  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
  }
}
