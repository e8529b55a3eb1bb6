/** Small helpers shared by the route modules. */
import { z } from "@hono/zod-openapi";

export { BEARER_SECURITY as BEARER } from "@regie/shared";

/** The optional Idempotency-Key request header of POSTs that create things (see http/idempotency.ts). */
export const IdempotencyHeader = z.object({
  "idempotency-key": z
    .string()
    .optional()
    .openapi({
      param: { name: "idempotency-key", in: "header" },
      description: "Send the same key to retry safely: one thing is created, the first answer is replayed",
    }),
});
export const IDEMPOTENCY_NOTE = "With an `Idempotency-Key` header a retry creates nothing new and gets the first answer again.";
