import { describe, expect, it } from "vitest";
import { call, checkBody, freshBsn, providerToken } from "./helpers";

describe("POST /v1/consent-check: bad input", () => {
  it("an invalid BSN -> 400 problem+json that does not echo the BSN", async () => {
    const body = checkBody("123456789", "huisarts", "apotheek", ["GGC002"]);
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), body);
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
    expect(r.body.errors).toContainEqual({ path: "/patient/bsn", message: expect.stringMatching(/11-proef/) });
    expect(JSON.stringify(r.body)).not.toContain("123456789");
  });

  it("an unknown organisation type -> 400 naming the field", async () => {
    const body = checkBody(freshBsn(), "huisarts", "apotheek", ["GGC002"]);
    body.holder.organizationType = "QQ";
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), body);
    expect(r.status).toBe(400);
    expect(r.body.errors).toContainEqual({ path: "/holder/organizationType", message: expect.stringMatching(/organisation type/i) });
  });

  it.each([
    ["an unknown data category", (b: Record<string, unknown>) => ({ ...b, dataCategories: ["GGC999"] }), "/dataCategories/0"],
    ["no data categories", (b: Record<string, unknown>) => ({ ...b, dataCategories: [] }), "/dataCategories"],
    ["an unknown purpose", (b: Record<string, unknown>) => ({ ...b, purpose: "RESEARCH" }), "/purpose"],
    ["a missing patient", (b: Record<string, unknown>) => ({ ...b, patient: undefined }), "/patient"],
    ["an unknown field", (b: Record<string, unknown>) => ({ ...b, extra: 1 }), ""],
  ])("%s -> 400 with errors[]", async (_name, mutate, path) => {
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), mutate(checkBody(freshBsn(), "huisarts", "apotheek", ["GGC002"])));
    expect(r.status).toBe(400);
    expect(r.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("malformed JSON -> 400, not 500", async () => {
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), "{not json");
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a non-JSON content type -> 415", async () => {
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), "x", { "content-type": "text/plain" });
    expect(r.status).toBe(415);
  });
});

describe("citizen choices: bad input", () => {
  it.each([
    ["an unknown provider category", { holder: { category: "kapper" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" }],
    ["a URA that is not 1-8 digits", { holder: { ura: "ABC" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" }],
    [
      "both category and URA on one side",
      { holder: { ura: "1", category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" },
    ],
    ["an invalid decision", { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "maybe" }],
    [
      "an invalid end date",
      { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit", validUntil: "tomorrow" },
    ],
  ])("%s -> 400", async (_name, body) => {
    const { citizenToken } = await import("./helpers");
    const r = await call("POST", "/v1/me/choices", await citizenToken(freshBsn()), body);
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
  });

  it("changing or withdrawing an unknown choice -> 404; a malformed id -> 400", async () => {
    const { citizenToken } = await import("./helpers");
    const t = await citizenToken(freshBsn());
    const body = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };
    const unknown = crypto.randomUUID();
    expect((await call("DELETE", `/v1/me/choices/${unknown}`, t)).status).toBe(404);
    expect((await call("PUT", `/v1/me/choices/${unknown}`, t, body)).status).toBe(404);
    const bad = await call("DELETE", "/v1/me/choices/nope", t);
    expect(bad.status).toBe(400);
    expect(bad.body.errors).toEqual([{ path: "/param/id", message: "Invalid choice id" }]);
    expect((await call("PUT", "/v1/me/choices/nope", t, body)).status).toBe(400);
  });

  it("an invalid Idempotency-Key -> 400", async () => {
    const { citizenToken } = await import("./helpers");
    const r = await call(
      "POST",
      "/v1/me/choices",
      await citizenToken(freshBsn()),
      { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" },
      { "idempotency-key": "x".repeat(300) },
    );
    expect(r.status).toBe(400);
  });
});
