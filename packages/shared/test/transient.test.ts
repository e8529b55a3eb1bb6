import { describe, expect, it } from "vitest";
import { createApp } from "../src/http/app";
import { isTransientStorageError } from "../src/http/transient";

describe("isTransientStorageError", () => {
  it("recognises retryable platform failures", () => {
    for (const err of [
      Object.assign(new Error("anything"), { retryable: true }),
      Object.assign(new Error("anything"), { overloaded: true }),
      new Error("D1_ERROR: Network connection lost."),
      new Error("Durable Object reset because its code was updated."),
      new Error("D1 DB is overloaded. Too many requests queued."),
      new Error("Internal error in Durable Object storage caused object to be reset."),
    ])
      expect(isTransientStorageError(err), err.message).toBe(true);
  });

  it("does not treat bugs or deterministic failures as transient", () => {
    for (const err of [new Error("D1_ERROR: UNIQUE constraint failed: datasets.id"), new TypeError("x is undefined"), "string", null, undefined, 42]) {
      expect(isTransientStorageError(err)).toBe(false);
    }
  });
});

describe("the app factory and transient failures", () => {
  const app = createApp({ name: "t", title: "t", openapi: false });
  app.get("/lost", () => {
    throw new Error("D1_ERROR: Network connection lost.");
  });
  app.get("/bug", () => {
    throw new TypeError("cannot read properties of undefined");
  });

  it("answers a transient storage failure with 503 problem+json and Retry-After", async () => {
    const res = await app.request("/lost");
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    expect(res.headers.get("retry-after")).toBe("1");
    const body = (await res.json()) as { status: number; detail: string };
    expect(body.status).toBe(503);
    expect(body.detail).not.toContain("D1_ERROR");
  });

  it("still answers a bug with a 500 that reveals nothing", async () => {
    const res = await app.request("/bug");
    expect(res.status).toBe(500);
    expect(res.headers.get("retry-after")).toBeNull();
    expect(await res.text()).not.toContain("undefined");
  });
});
