import { createRoute, z } from "@hono/zod-openapi";
import { beforeAll, describe, expect, it } from "vitest";
import { AUDIENCES } from "../src/auth/claims";
import { requireRole, type AuthBindings } from "../src/auth/middleware";
import { createApp } from "../src/http/app";
import { BEARER_SECURITY } from "../src/http/bearer";
import { jsonBody, jsonResponse } from "../src/http/body";
import { problemResponses } from "../src/http/problem";
import { routeGroup } from "../src/http/route";
import { testAuthBindings } from "../src/testing/issuer";
import { bearer } from "../src/testing/tokens";

const Item = z.object({ id: z.string(), by: z.string() }).openapi("RouteTestItem");
const Query = z.object({ n: z.coerce.number().int().min(1).optional() });
const Params = z.object({ id: z.string().openapi({ param: { name: "id", in: "path" } }) });

let env: Record<string, string>;
beforeAll(async () => {
  env = { ...(await testAuthBindings()), AUTH_AUDIENCE: AUDIENCES.consent };
});

/** The same two routes once with the builder and once spelled out with createRoute. */
function apps() {
  const citizen = routeGroup({ tags: ["test"], role: "citizen" });
  const open = routeGroup({ tags: ["test"] });
  const built = createApp<{ Bindings: AuthBindings }>({ name: "t", title: "t", rateLimit: false });
  const one = citizen.get("/items/{id}", "One item", { params: Params, query: Query }).ok(Item, "The item", 400, 401, 403);
  built.openapi(one, (c) => c.json({ id: `${c.req.valid("param").id}x${c.req.valid("query").n ?? 1}`, by: c.get("auth").bsn }, 200));
  const other = createApp<{ Bindings: AuthBindings }>({ name: "t", title: "t", rateLimit: false });
  // @ts-expect-error the route declares no 404 answer with this body: hono's typing refuses the handler
  other.openapi(one, (c) => c.json({ id: c.req.valid("param").id, by: "" }, 404));
  built.openapi(
    open
      .post("/items", "Create")
      .describe("Longer text")
      .respond({ 204: { description: "Done" } }, 415),
    (c) => c.body(null, 204),
  );
  built.openapi(open.put("/items/{id}", "Replace", { params: Params, json: Item }).ok(Item, "Replaced", 400), (c) => c.json(c.req.valid("json"), 200));

  const spelled = createApp<{ Bindings: AuthBindings }>({ name: "t", title: "t", rateLimit: false });
  spelled.openapi(
    createRoute({
      method: "get",
      path: "/items/{id}",
      tags: ["test"],
      summary: "One item",
      security: BEARER_SECURITY,
      middleware: [requireRole("citizen")] as const,
      request: { params: Params, query: Query },
      responses: { 200: jsonResponse(Item, "The item"), ...problemResponses(400, 401, 403) },
    }),
    (c) => c.json({ id: c.req.valid("param").id, by: c.get("auth").bsn }, 200),
  );
  spelled.openapi(
    createRoute({
      method: "post",
      path: "/items",
      tags: ["test"],
      summary: "Create",
      description: "Longer text",
      responses: { 204: { description: "Done" }, ...problemResponses(415) },
    }),
    (c) => c.body(null, 204),
  );
  spelled.openapi(
    createRoute({
      method: "put",
      path: "/items/{id}",
      tags: ["test"],
      summary: "Replace",
      request: { params: Params, body: jsonBody(Item) },
      responses: { 200: jsonResponse(Item, "Replaced"), ...problemResponses(400) },
    }),
    (c) => c.json(c.req.valid("json"), 200),
  );
  return { built, spelled };
}

describe("routeGroup", () => {
  it("gives the OpenAPI document createRoute gives for the same fields, key for key", async () => {
    const { built, spelled } = apps();
    const doc = async (app: ReturnType<typeof apps>["built"]) => JSON.stringify(await (await app.request("/openapi.json", {}, env)).json());
    expect(await doc(built)).toBe(await doc(spelled));
    const paths = JSON.parse(await doc(built)).paths;
    expect(paths["/items/{id}"].get.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(paths["/items/{id}"].get.responses)).toEqual(["200", "400", "401", "403"]);
    expect(paths["/items"].post.security).toBeUndefined();
    expect(paths["/items/{id}"].put.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/RouteTestItem" } } },
    });
  });

  it("checks the role: 401 without a token, 403 for another role, 200 with the caller's claims", async () => {
    const { built } = apps();
    expect((await built.request("/items/a", {}, env)).status).toBe(401);
    const provider = await bearer(env as never, { role: "provider", ura: "87654321", organizationType: "Z3" });
    expect((await built.request("/items/a", { headers: provider }, env)).status).toBe(403);
    const citizen = await bearer(env as never, { role: "citizen", bsn: "999993653" });
    const res = await built.request("/items/a?n=3", { headers: citizen }, env);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id: "ax3", by: "999993653" });
  });

  it("validates the request it declares and runs routes without a role unauthenticated", async () => {
    const { built } = apps();
    const citizen = await bearer(env as never, { role: "citizen", bsn: "999993653" });
    expect((await built.request("/items/a?n=0", { headers: citizen }, env)).status).toBe(400);
    expect((await built.request("/items", { method: "POST" }, env)).status).toBe(204);
    const put = (body: string) => built.request("/items/a", { method: "PUT", headers: { "content-type": "application/json" }, body }, env);
    expect((await put('{"id":"a"}')).status).toBe(400);
    expect(await (await put('{"id":"a","by":"b"}')).json()).toEqual({ id: "a", by: "b" });
  });
});
