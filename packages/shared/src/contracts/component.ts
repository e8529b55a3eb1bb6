/**
 * Named OpenAPI components: an object schema registered under `name` (its `$ref` in the generated documents).
 * `component(name, shape)` is `z.object(shape).openapi(name)`; `strictComponent` refuses unknown keys (`.strict()`),
 * `passthroughComponent` keeps them (`.passthrough()`), each applied before `.openapi` as the chained form does, so
 * schema, inferred type and document are the chained form's. `metadata` (a description, an example) is `.openapi`'s
 * second argument. Refinements, `.extend` and the like stay chained where they are declared.
 */
import { z } from "@hono/zod-openapi";

/** `.openapi(name, metadata)`'s metadata for a schema (typed by the schema's input, e.g. an `example`). */
type Metadata<T extends z.ZodType> = Parameters<T["openapi"]>[1];

export const component = <S extends z.ZodRawShape>(name: string, shape: S, metadata?: Metadata<z.ZodObject<S, z.core.$strip>>) =>
  z.object(shape).openapi(name, metadata);

export const strictComponent = <S extends z.ZodRawShape>(name: string, shape: S, metadata?: Metadata<z.ZodObject<S, z.core.$strict>>) =>
  z.object(shape).strict().openapi(name, metadata);

export const passthroughComponent = <S extends z.ZodRawShape>(name: string, shape: S, metadata?: Metadata<z.ZodObject<S, z.core.$loose>>) =>
  z.object(shape).passthrough().openapi(name, metadata);
