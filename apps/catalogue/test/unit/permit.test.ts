import { describe, expect, it } from "vitest";
import { newDraft } from "../../src/applications/workflow";
import { buildPermit, permitIdOf, withStatus } from "../../src/permits/permit";
import { applicationInput } from "../application-inputs";

describe("the data permit", () => {
  const app = { ...newDraft("app-1", "anna", { ...applicationInput("ds-1"), durationMonths: 12 }, "2026-01-31T09:00:00Z"), status: "approved" as const };

  it("starts on the approval date and ends after the requested duration, unless the HDAB sets the end", () => {
    const p = buildPermit("EHDS-NL-2026-ABCDEF01", app, "2026-01-31T09:00:00Z", ["No export"]);
    expect(p).toMatchObject({
      startDate: "2026-01-31",
      endDate: "2027-01-31",
      conditions: ["No export"],
      organisation: "Erasmus MC",
      processingEnvironment: "HDAB secure processing environment",
      dataForm: "pseudonymised",
    });
    expect(buildPermit("x", app, "2026-01-31T09:00:00Z", [], "2026-06-30").endDate).toBe("2026-06-30");
    expect(JSON.stringify(p)).not.toContain("Anna");
    expect(JSON.stringify(p)).not.toContain("anna@");
  });

  it("is active up to and including its end date, expired after it", () => {
    const p = buildPermit("x", app, "2026-01-31T09:00:00Z", [], "2026-06-30");
    expect(withStatus(p, new Date("2026-06-30T23:59:59Z")).status).toBe("active");
    expect(withStatus(p, new Date("2026-07-01T00:00:00Z")).status).toBe("expired");
  });

  it("a data request's record has no processing environment", () => {
    const p = buildPermit("x", { ...app, kind: "data_request" }, "2026-01-31T09:00:00Z", []);
    expect(p).toMatchObject({ kind: "data_request", processingEnvironment: null, dataForm: null });
  });

  it("permit ids are stable per application and shaped EHDS-NL-<year>-<hex>", async () => {
    expect(await permitIdOf("app-1", "2026-03-01T00:00:00Z")).toBe(await permitIdOf("app-1", "2026-03-01T00:00:00Z"));
    expect(await permitIdOf("app-1", "2026-03-01T00:00:00Z")).toMatch(/^EHDS-NL-2026-[0-9A-F]{8}$/);
    expect(await permitIdOf("app-2", "2026-03-01T00:00:00Z")).not.toBe(await permitIdOf("app-1", "2026-03-01T00:00:00Z"));
  });
});
