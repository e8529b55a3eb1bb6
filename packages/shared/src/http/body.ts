import type { ZodType } from "zod";

/** A required JSON request body for a route definition (validation always runs, even with no body). */
export function jsonBody<T extends ZodType>(schema: T, description?: string) {
  return { required: true as const, description, content: { "application/json": { schema } } };
}

/** A JSON response entry for a route definition (`mediaType`: another JSON type, e.g. application/fhir+json). */
export function jsonResponse<T extends ZodType, M extends string = "application/json">(schema: T, description: string, mediaType: M = "application/json" as M) {
  return { description, content: { [mediaType]: { schema } } as { [K in M]: { schema: T } } };
}
