import { describe, expect, it } from "vitest";
import { parseIdempotencyKey } from "../src/http/idempotency-key";
import { ApiError } from "../src/http/problem";

describe("parseIdempotencyKey", () => {
  it("gives the key, or nothing when the header is absent", () => {
    expect(parseIdempotencyKey(undefined)).toBeUndefined();
    expect(parseIdempotencyKey(null)).toBeUndefined();
    expect(parseIdempotencyKey("retry-1")).toBe("retry-1");
    expect(parseIdempotencyKey("~".repeat(200))).toBe("~".repeat(200));
  });

  it("refuses an empty, too long or non-visible-ASCII key with 400", () => {
    for (const bad of ["", "x".repeat(201), "a b", "tab\t", "é"]) {
      let thrown: unknown;
      try {
        parseIdempotencyKey(bad);
      } catch (err) {
        thrown = err;
      }
      expect(thrown, JSON.stringify(bad)).toBeInstanceOf(ApiError);
      expect((thrown as ApiError).code).toBe("BAD_REQUEST");
      expect((thrown as ApiError).message).toBe("Idempotency-Key must be 1 to 200 visible ASCII characters");
    }
  });
});
