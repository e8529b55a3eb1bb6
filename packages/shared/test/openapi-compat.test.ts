import { OpenAPIHono, createRoute, z } from "@hono/zod-openapi";
import { describe, expect, it } from "vitest";
import { breakingChanges, type OpenApiDoc } from "../src/testing/openapi-compat";

/** A real document from a route, as the apps produce theirs (zod -> OpenAPI 3.1 by @hono/zod-openapi). */
function docOf(query: z.ZodObject, body: z.ZodObject, response: z.ZodType, extra?: (app: OpenAPIHono) => void): OpenApiDoc {
  const app = new OpenAPIHono();
  app.openapi(
    createRoute({
      method: "post",
      path: "/v1/things",
      request: { query, body: { required: true, content: { "application/json": { schema: body } } } },
      responses: { 200: { description: "ok", content: { "application/json": { schema: response } } }, 404: { description: "none" } },
    }),
    (c) => c.json({} as never, 200),
  );
  extra?.(app);
  return app.getOpenAPI31Document({ openapi: "3.1.0", info: { title: "t", version: "1" } }) as OpenApiDoc;
}

const Thing = z.object({ id: z.string(), kind: z.enum(["a", "b"]), tags: z.array(z.object({ name: z.string() })) }).openapi("Thing");
const base = () => docOf(z.object({ q: z.string().optional() }), z.object({ name: z.string(), kind: z.enum(["a", "b"]).optional() }), Thing);

describe("breakingChanges: what a client of the earlier document would trip over", () => {
  it("finds nothing between a document and itself", () => {
    expect(breakingChanges(base(), base())).toEqual([]);
  });

  it("accepts additions: a new operation, an optional parameter, an optional request property, a new response property", () => {
    const after = docOf(
      z.object({ q: z.string().optional(), page: z.string().optional() }),
      z.object({ name: z.string(), kind: z.enum(["a", "b", "c"]).optional(), note: z.string().optional() }),
      z
        .object({ id: z.string(), kind: z.enum(["a", "b"]), tags: z.array(z.object({ name: z.string(), lang: z.string() })), score: z.number() })
        .openapi("Thing"),
      (app) => app.openapi(createRoute({ method: "get", path: "/v1/more", responses: { 200: { description: "ok" } } }), (c) => c.body(null, 200)),
    );
    expect(breakingChanges(base(), after)).toEqual([]);
  });

  it("names a removed operation and a response status no longer documented", () => {
    const before = docOf(z.object({}), z.object({}), Thing, (app) =>
      app.openapi(createRoute({ method: "get", path: "/v1/gone", responses: { 200: { description: "ok" } } }), (c) => c.body(null, 200)),
    );
    const after = base();
    delete after.paths!["/v1/things"]!.post!.responses!["404"];
    expect(breakingChanges(before, after)).toEqual(
      expect.arrayContaining(["GET /v1/gone: the operation is gone", "POST /v1/things: response 404 is no longer documented"]),
    );
  });

  it("names a parameter or request property that became required, and an enum value no longer accepted", () => {
    const after = docOf(z.object({ q: z.string() }), z.object({ name: z.string(), kind: z.enum(["a"]) }), Thing);
    const problems = breakingChanges(base(), after);
    expect(problems).toContain('POST /v1/things: query parameter "q" became required');
    expect(problems.some((p) => p.includes('property "kind" became required'))).toBe(true);
    expect(problems.some((p) => p.includes('"b" is no longer accepted'))).toBe(true);
  });

  it("names a response property that is gone (also inside an array's items) or no longer always present", () => {
    const after = docOf(
      z.object({ q: z.string().optional() }),
      z.object({ name: z.string(), kind: z.enum(["a", "b"]).optional() }),
      z.object({ id: z.string().optional(), tags: z.array(z.object({ label: z.string() })) }).openapi("Thing"),
    );
    const problems = breakingChanges(base(), after);
    expect(problems.some((p) => p.endsWith('property "id" is no longer always present'))).toBe(true);
    expect(problems.some((p) => p.endsWith('property "kind" is gone'))).toBe(true);
    expect(problems.some((p) => p.includes("/tags/items") && p.endsWith('property "name" is gone'))).toBe(true);
  });

  it("names a changed type in a response", () => {
    const after = docOf(
      z.object({ q: z.string().optional() }),
      z.object({ name: z.string(), kind: z.enum(["a", "b"]).optional() }),
      z.object({ id: z.number(), kind: z.enum(["a", "b"]), tags: z.array(z.object({ name: z.string() })) }).openapi("Thing"),
    );
    expect(breakingChanges(base(), after).some((p) => p.includes("/id: type string became number"))).toBe(true);
  });
});
