import { describe, expect, it } from "vitest";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { anonymisedApplicationInput, api, applicationInput, hdab, minimalDataset, publish, researcher, submittedApplication } from "./helpers";

async function dataset() {
  return (await publish("iknl", minimalDataset())).id;
}
async function step(id: string, body: unknown) {
  return api(`/v1/access-applications/${id}/status`, await hdab(), body);
}
async function expectProblem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
}

describe("application input errors", () => {
  it("400 for a purpose outside the EHDS list, a bad duration, unknown fields, a wrong kind", async () => {
    for (const body of [
      { purpose: "MARKETING" },
      { durationMonths: 0 },
      { durationMonths: 121 },
      { status: "approved" },
      { researcher: "x" },
      { kind: "fishing" },
      { notProhibitedDeclaration: "yes" },
    ]) {
      await expectProblem(await api("/v1/access-applications", await researcher(), body), 400);
    }
  });

  it("422 for datasets that do not exist, on create and on edit", async () => {
    await expectProblem(await api("/v1/access-applications", await researcher(), { datasetIds: ["does-not-exist"] }), 422);
    const draft = (await (await api("/v1/access-applications", await researcher(), {})).json()) as AccessApplication;
    await expectProblem(await api(`/v1/access-applications/${draft.id}`, await researcher(), { datasetIds: ["nope"] }, "PATCH"), 422);
  });

  it("422 at submission for pseudonymised data without justification and a required ethics assessment without reference", async () => {
    const anna = await researcher();
    const body = applicationInput(await dataset(), { pseudonymisationJustification: undefined, ethicsAssessmentReference: undefined });
    const draft = (await (await api("/v1/access-applications", anna, body)).json()) as AccessApplication;
    const res = await api(`/v1/access-applications/${draft.id}/submit`, anna, undefined, "POST");
    await expectProblem(res, 422);
    const paths = ((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path).sort();
    expect(paths).toEqual(["/ethicsAssessmentReference", "/pseudonymisationJustification"]);
  });
});

describe("every transition: allowed and refused", () => {
  it("refuses steps out of order with 409, and leaves the application as it was", async () => {
    const app = await submittedApplication(anonymisedApplicationInput(await dataset()));
    const anna = await researcher();
    // submitted: not approved/rejected directly, not submitted again, no answer without a question
    await expectProblem(await step(app.id, { status: "approved" }), 409);
    await expectProblem(await step(app.id, { status: "rejected", reasons: "not yet" }), 409);
    await expectProblem(await api(`/v1/access-applications/${app.id}/submit`, anna, undefined, "POST"), 409);
    await expectProblem(await api(`/v1/access-applications/${app.id}/answer`, anna, { answer: "unasked" }), 409);
    await expectProblem(await api(`/v1/access-applications/${app.id}`, anna, { safeguards: "changed after submission" }, "PATCH"), 409);
    await expectProblem(await api(`/v1/access-applications/${app.id}`, anna, undefined, "DELETE"), 409);
    // submitted -> information_requested is allowed; then the HDAB cannot decide until the applicant answers
    expect((await step(app.id, { status: "information_requested", question: "Which registry?" })).status).toBe(200);
    await expectProblem(await step(app.id, { status: "approved" }), 409);
    await expectProblem(await step(app.id, { status: "information_requested", question: "again?" }), 409);
    // while information is requested the applicant may edit; the kind stays
    expect((await api(`/v1/access-applications/${app.id}`, anna, { safeguards: "Clarified safeguards" }, "PATCH")).status).toBe(200);
    await expectProblem(await api(`/v1/access-applications/${app.id}`, anna, { kind: "data_request" }, "PATCH"), 409);
    expect((await api(`/v1/access-applications/${app.id}/answer`, anna, { answer: "The cancer registry" })).status).toBe(200);
    // extension once only
    expect((await api(`/v1/access-applications/${app.id}/extend`, await hdab(), { reasons: "Complex" })).status).toBe(200);
    await expectProblem(await api(`/v1/access-applications/${app.id}/extend`, await hdab(), { reasons: "Again" }), 409);
    expect((await step(app.id, { status: "approved" })).status).toBe(200);
    // final: nothing moves any more
    for (const body of [
      { status: "under_review" },
      { status: "rejected", reasons: "late" },
      { status: "information_requested", question: "late?" },
      { status: "approved" },
    ]) {
      await expectProblem(await step(app.id, body), 409);
    }
    await expectProblem(await api(`/v1/access-applications/${app.id}/extend`, await hdab(), { reasons: "late" }), 409);
    await expectProblem(await api(`/v1/access-applications/${app.id}/collaborators`, anna, { id: "r-x", name: "X", email: "x@example.nl" }), 409);
    const seen = (await (await api(`/v1/access-applications/${app.id}`, anna)).json()) as AccessApplication;
    expect(seen.status).toBe("approved");
  });

  it("400 for an information request without a question, an approval with an end date in the past, an empty answer", async () => {
    const app = await submittedApplication(anonymisedApplicationInput(await dataset()));
    await expectProblem(await step(app.id, { status: "information_requested" }), 400);
    await expectProblem(await step(app.id, { status: "approved", conditions: [""] }), 400);
    expect((await step(app.id, { status: "under_review" })).status).toBe(200);
    await expectProblem(await step(app.id, { status: "approved", endDate: "2001-01-01" }), 400);
    await expectProblem(await step(app.id, { status: "approved", endDate: "tomorrow" }), 400);
    expect((await step(app.id, { status: "information_requested", question: "Which?" })).status).toBe(200);
    await expectProblem(await api(`/v1/access-applications/${app.id}/answer`, await researcher(), { answer: "" }), 400);
  });

  it("404 for an unknown application on every operation; the collaborator to remove must exist", async () => {
    const anna = await researcher();
    await expectProblem(await step("nope", { status: "under_review" }), 404);
    await expectProblem(await api("/v1/access-applications/nope/submit", anna, undefined, "POST"), 404);
    await expectProblem(await api("/v1/access-applications/nope", anna, { safeguards: "x" }, "PATCH"), 404);
    await expectProblem(await api("/v1/permits/EHDS-NL-2026-00000000", {}), 404);
    await expectProblem(await api("/v1/permits/../../etc", {}), 404);
    const draft = (await (await api("/v1/access-applications", anna, {})).json()) as AccessApplication;
    await expectProblem(await api(`/v1/access-applications/${draft.id}/collaborators/nobody`, anna, undefined, "DELETE"), 404);
    await expectProblem(
      await api(`/v1/access-applications/${draft.id}/collaborators`, anna, { id: "researcher-anna", name: "Me", email: "me@example.nl" }),
      422,
    );
    await expectProblem(await api(`/v1/access-applications/${draft.id}/collaborators`, anna, { id: "researcher-x", name: "X", email: "not-an-email" }), 400);
  });

  // the consent service's answers (and its failure) through the real consent worker: test/cohort-filter.happy.test.ts
  it("cohort filter: 409 before approval, 400 for an invalid BSN", async () => {
    const app = await submittedApplication(anonymisedApplicationInput(await dataset()));
    const bsns = { bsns: ["999990007", "999990019"] };
    await expectProblem(await api(`/v1/access-applications/${app.id}/cohort-filter`, await hdab(), bsns), 409);
    await step(app.id, { status: "under_review" });
    await step(app.id, { status: "approved", reasons: "ok for statistics" });
    await expectProblem(await api(`/v1/access-applications/${app.id}/cohort-filter`, await hdab(), { bsns: ["12"] }), 400);
  });
});
