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

/** A path parameter `id` of 1 to `max` characters (with an example for the reference where one helps). */
export function idParam(max: number, example?: string) {
  return z.object({
    id: z
      .string()
      .min(1)
      .max(max)
      .openapi({ param: { name: "id", in: "path" }, ...(example ? { example } : {}) }),
  });
}

/** A dataset's `id` in the path. */
export const DatasetIdParam = idParam(200, "eu-hdca-r7-oncology-ehrs-2024");
