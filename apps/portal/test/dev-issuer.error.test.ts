import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { productionEnv, workerUnder } from "./helpers";

const URL_TOKEN = "http://localhost:8787/dev/token";

async function problem(res: Response) {
  expect(res.headers.get("content-type")).toBe("application/problem+json");
  return (await res.json()) as { status: number; code: string; errors?: { path: string; message: string }[]; detail?: string };
}

function post(body: BodyInit, contentType = "application/json") {
  return SELF.fetch(URL_TOKEN, { method: "POST", headers: { "content-type": contentType }, body });
}

describe("bad input to the development issuer gets a 4xx problem+json", () => {
  it("invalid JSON -> 400", async () => {
    const res = await post('{"role": ');
    expect(res.status).toBe(400);
    expect((await problem(res)).code).toBe("MALFORMED_JSON");
  });

  it("a wrong type -> 400 naming the field", async () => {
    const res = await post(JSON.stringify({ role: "hdab", sub: 42 }));
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ path: "/sub" })]));
  });

  it("an unknown field on a strict schema -> 400", async () => {
    const res = await post(JSON.stringify({ role: "hdab", sub: "x", admin: true }));
    expect(res.status).toBe(400);
    expect((await problem(res)).code).toBe("VALIDATION_FAILED");
  });

  it("an invalid BSN -> 400 that names /bsn and does not echo the number", async () => {
    const res = await post(JSON.stringify({ role: "citizen", bsn: "123456789" }));
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.errors).toEqual([expect.objectContaining({ path: "/bsn" })]);
    expect(JSON.stringify(body)).not.toContain("123456789");
  });

  it("an unknown organisation type -> 400", async () => {
    const res = await post(JSON.stringify({ role: "provider", ura: "1234", organizationType: "QQ" }));
    expect(res.status).toBe(400);
    expect((await problem(res)).errors).toEqual([expect.objectContaining({ path: "/organizationType" })]);
  });

  it("an oversize body -> 413", async () => {
    const res = await post(JSON.stringify({ role: "hdab", sub: "x".repeat(2 * 1024 * 1024) }));
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("a content type the route does not take -> 415", async () => {
    const res = await post("role=hdab", "text/plain");
    expect(res.status).toBe(415);
    expect((await problem(res)).code).toBe("UNSUPPORTED_MEDIA_TYPE");
  });

  it("an empty body -> 400, not a token", async () => {
    const res = await SELF.fetch(URL_TOKEN, { method: "POST" });
    expect(res.status).toBe(400);
  });
});

describe("outside development the issuer does not exist", () => {
  it("POST /dev/token and the JWKS answer 404", async () => {
    const prod = productionEnv();
    const fetcher = workerUnder(prod);
    const tokenRes = await fetcher(
      new Request(URL_TOKEN, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ role: "hdab", sub: "x" }) }),
    );
    expect(tokenRes.status).toBe(404);
    const jwksRes = await fetcher(new Request("http://localhost:8787/.well-known/jwks.json"));
    expect(jwksRes.status).toBe(404);
  });
});
