import { describe, expect, it } from "vitest";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { applyStatus, canMove } from "../../src/applications/workflow";

const base = { id: "a", status: "submitted", history: [], reasons: null, approvedAt: null, updatedAt: "t0" } as unknown as AccessApplication;

describe("review workflow", () => {
  it("allows only submitted -> under_review -> approved | rejected", () => {
    expect(canMove("submitted", "under_review")).toBe(true);
    expect(canMove("submitted", "approved")).toBe(false);
    expect(canMove("under_review", "rejected")).toBe(true);
    expect(canMove("approved", "rejected")).toBe(false);
    expect(canMove("rejected", "under_review")).toBe(false);
  });
  it("records who, when and why, and the approval time", () => {
    const r = applyStatus(base, "under_review", "hdab", "t1") as AccessApplication;
    const a = applyStatus(r, "approved", "hdab", "t2", "fine") as AccessApplication;
    expect(a).toMatchObject({ status: "approved", approvedAt: "t2", reasons: "fine", updatedAt: "t2" });
    expect(a.history).toEqual([{ status: "under_review", at: "t1", by: "hdab" }, { status: "approved", at: "t2", by: "hdab", reasons: "fine" }]);
    expect(typeof applyStatus(a, "rejected", "hdab", "t3", "no")).toBe("string");
  });
});
