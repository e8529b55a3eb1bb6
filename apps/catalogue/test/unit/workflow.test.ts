import { describe, expect, it } from "vitest";
import type { Claims } from "@regie/shared";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { APPLICATION_NEXT_STATUSES, APPLICATION_STATUSES, type ApplicationStatus } from "@regie/shared/contracts/catalogue";
import { addCollaborator, answer, canMove, edit, extend, hdabStep, isOpenToApplicant, newDraft, roleOf, submit } from "../../src/applications/workflow";
import { applicationInput } from "../application-inputs";

const at = "2026-03-01T10:00:00Z";
const anna: Claims = { role: "researcher", sub: "anna", name: "Anna", organisation: "EMC" };
const draft = () => newDraft("app-1", "anna", applicationInput("ds-1"), at);
const ok = (r: ReturnType<typeof submit>): AccessApplication => {
  if (!r.ok) throw new Error(r.message);
  return r.app;
};

describe("the workflow's transitions", () => {
  it("allows exactly the documented steps", () => {
    const allowed = new Set([
      "draft>submitted",
      "submitted>under_review",
      "submitted>information_requested",
      "under_review>information_requested",
      "under_review>approved",
      "under_review>rejected",
      "information_requested>under_review",
    ]);
    for (const from of APPLICATION_STATUSES)
      for (const to of APPLICATION_STATUSES) expect(canMove(from, to), `${from}>${to}`).toBe(allowed.has(`${from}>${to}`));
    expect(APPLICATION_NEXT_STATUSES.approved).toEqual([]);
  });

  it("roles: the applicant, a collaborator, the HDAB (not for drafts), nobody else", () => {
    const d = ok(addCollaborator(draft(), "applicant", { id: "tom", name: "Tom", email: "t@example.nl" }, at));
    expect(roleOf(d, anna)).toBe("applicant");
    expect(roleOf(d, { ...anna, sub: "tom" })).toBe("collaborator");
    expect(roleOf(d, { ...anna, sub: "eve" })).toBeNull();
    expect(roleOf(d, { role: "hdab", sub: "h" })).toBeNull();
    expect(roleOf(ok(submit(d, "applicant", "anna", at)), { role: "hdab", sub: "h" })).toBe("hdab");
    expect(roleOf(d, { role: "publisher", publisherId: "anna" })).toBeNull();
  });

  it("records who and when at each step; approval sets approvedAt; the answer closes the question", () => {
    const s = ok(submit(draft(), "applicant", "anna", "t1"));
    expect(s).toMatchObject({ status: "submitted", submittedAt: "t1" });
    const q = ok(hdabStep(s, "hdab", { status: "information_requested", question: "Which years?" }, "h", "t2"));
    expect(q.informationRequests).toEqual([{ question: "Which years?", askedAt: "t2", answer: null, answeredAt: null }]);
    const a = ok(answer(q, "applicant", "2015-2024", "anna", "t3"));
    expect(a).toMatchObject({ status: "under_review", informationRequests: [{ answer: "2015-2024", answeredAt: "t3" }] });
    const x = ok(extend(a, "hdab", "complex", "h", "t4"));
    const approved = ok(hdabStep(x, "hdab", { status: "approved", reasons: "fine" }, "h", "t5"));
    expect(approved).toMatchObject({ status: "approved", approvedAt: "t5", reasons: "fine" });
    expect(approved.history.map((h) => [h.status, h.by, h.note])).toEqual([
      ["draft", "anna", undefined],
      ["submitted", "anna", undefined],
      ["information_requested", "h", undefined],
      ["under_review", "anna", "answered"],
      ["under_review", "h", "extended"],
      ["approved", "h", undefined],
    ]);
  });

  it("refuses steps by the wrong role", () => {
    const d = draft();
    expect(submit(d, "collaborator", "tom", at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(edit(d, "hdab", {}, "h", at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const s = ok(submit(d, "applicant", "anna", at));
    expect(hdabStep(s, "applicant", { status: "under_review" }, "anna", at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(extend(s, "collaborator", "x", "tom", at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    const q = ok(hdabStep(s, "hdab", { status: "information_requested", question: "q?" }, "h", at));
    expect(answer(q, "collaborator", "x", "tom", at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
  });

  it("only a draft and an application waiting for information are open to the applicant's changes", () => {
    const open = APPLICATION_STATUSES.filter((status) => isOpenToApplicant({ status }));
    expect(open).toEqual(["draft", "information_requested"]);
  });

  it("a status that can't move gives a conflict, never a changed application", () => {
    const finals: ApplicationStatus[] = ["approved", "rejected"];
    for (const status of finals) {
      const app = { ...ok(submit(draft(), "applicant", "anna", at)), status };
      for (const to of ["under_review", "information_requested", "approved", "rejected"] as const) {
        expect(hdabStep(app, "hdab", { status: to, reasons: "r r", question: "q q" }, "h", at)).toMatchObject({ ok: false, code: "CONFLICT" });
      }
      expect(edit(app, "applicant", { safeguards: "x" }, "anna", at)).toMatchObject({ ok: false, code: "CONFLICT" });
    }
  });
});
