import { afterEach, describe, expect, it, vi } from "vitest";
import { errorFields, logger, redact } from "../src/log/logger";

afterEach(() => vi.restoreAllMocks());

function captured(spy: { mock: { calls: unknown[][] } }): Record<string, unknown>[] {
  return spy.mock.calls.map((args) => JSON.parse(String(args[0])) as Record<string, unknown>);
}

describe("logger", () => {
  it("writes one JSON line per event with the level, the message and the fields", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logger.error("unhandled", { requestId: "r-1", method: "GET", route: "/v1/x", status: 500 });
    logger.warn("oidc login failed", { error: "OidcError" });
    logger.error("configuration incomplete", { service: "consent", missing: ["PSEUDONYM_KEY", "bsn 999990007"] });
    expect(captured(spy)).toEqual([
      { level: "error", msg: "unhandled", requestId: "r-1", method: "GET", route: "/v1/x", status: 500 },
      { level: "warn", msg: "oidc login failed", error: "OidcError" },
      { level: "error", msg: "configuration incomplete", service: "consent", missing: ["PSEUDONYM_KEY", "bsn [redacted]"] },
    ]);
  });

  it("never writes a BSN: nine-digit runs in the message, fields and error messages are redacted", () => {
    const spy = vi.spyOn(console, "error").mockImplementation(() => {});
    logger.error("failed for 999990007", { route: "/v1/citizens/999990007", ...errorFields(new TypeError("no row for bsn 123456782 or 111222333")) });
    const out = spy.mock.calls.map((a) => String(a[0])).join("\n");
    expect(out).not.toMatch(/\d{9}/);
    expect(captured(spy)[0]).toEqual({
      level: "error",
      msg: "failed for [redacted]",
      route: "/v1/citizens/[redacted]",
      error: "TypeError",
      message: "no row for bsn [redacted] or [redacted]",
    });
  });

  it("redact leaves shorter numbers alone and errorFields copes with non-errors", () => {
    expect(redact("ura 12345678, bsn 999990007")).toBe("ura 12345678, bsn [redacted]");
    expect(errorFields(undefined)).toEqual({ error: undefined, message: undefined });
    expect(errorFields("999990007")).toEqual({ error: undefined, message: undefined });
  });
});
