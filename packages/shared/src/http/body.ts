import type { ZodType } from "zod";

/** A required JSON request body for a route definition (validation always runs, even with no body). */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { required: true as const, description, content: { "application/json": { schema } } };
}

/** A JSON response entry for a route definition. */
export function jsonResponse<T extends ZodType>(schema: T, description: string) {
  return { description, content: { "application/json": { schema } } };
}
