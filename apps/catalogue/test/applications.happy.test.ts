import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import type { AccessApplication, Permit } from "@regie/shared/contracts/catalogue";
import { api, applicationInput, dataRequestInput, hdab, minimalDataset, publish, researcher, submittedApplication } from "./helpers";

let datasetId: string;
beforeAll(async () => {
  datasetId = (await publish("iknl", minimalDataset({ identifier: "APP-DS" }))).id;
});

const json = async <T = AccessApplication>(res: Response, status = 200): Promise<T> => {
  expect(res.status, await res.clone().text()).toBe(status);
  return (await res.json()) as T;
};

describe("a data access application from draft to permit", () => {
  it("draft, edit, 422 listing what is missing, submit, review, information request, answer, approval with conditions, permit", async () => {
    const anna = await researcher();
    const draft = await json(await api("/v1/access-applications", anna, { datasetIds: [datasetId], purpose: "SCIENTIFIC_RESEARCH" }), 201);
    expect(draft).toMatchObject({ status: "draft", kind: "data_access", researcher: "researcher-anna", deadline: null, submittedAt: null });

    // not complete yet: the 422 names every missing field
    const incomplete = await api(`/v1/access-applications/${draft.id}/submit`, anna, undefined, "POST");
    expect(incomplete.status).toBe(422);
    expect(incomplete.headers.get("content-type")).toBe("application/problem+json");
    const paths = ((await incomplete.json()) as { errors: { path: string }[] }).errors.map((e) => e.path);
    expect(paths).toEqual(
      expect.arrayContaining(["/applicant/name", "/purposeDescription", "/legalBasis", "/notProhibitedDeclaration", "/processingEnvironment", "/dataForm"]),
    );
    expect(paths).not.toContain("/purpose");

    // come back later: the draft is still there; fill it in
    expect((await json(await api(`/v1/access-applications/${draft.id}`, anna))).status).toBe("draft");
    const { kind: _k, ...rest } = applicationInput(datasetId);
    const edited = await json(await api(`/v1/access-applications/${draft.id}`, anna, rest, "PATCH"));
    expect(edited).toMatchObject({ status: "draft", legalBasis: "PUBLIC_TASK", ethicsAssessmentReference: "METC 2026-0412" });

    const submitted = await json(await api(`/v1/access-applications/${draft.id}/submit`, anna, undefined, "POST"));
    expect(submitted.status).toBe("submitted");
    expect(submitted.deadline).toMatchObject({ months: 3, extended: false, pausedSince: null, overdue: false });
    expect(submitted.deadline!.daysLeft).toBeGreaterThanOrEqual(88);

    const h = await hdab();
    await json(await api(`/v1/access-applications/${draft.id}/status`, h, { status: "under_review" }));
    const asked = await json(
      await api(`/v1/access-applications/${draft.id}/status`, h, { status: "information_requested", question: "Please attach the METC approval letter." }),
    );
    expect(asked.status).toBe("information_requested");
    expect(asked.deadline!.pausedSince).toEqual(expect.any(String));
    expect(asked.informationRequests).toEqual([expect.objectContaining({ question: "Please attach the METC approval letter.", answer: null })]);

    const answered = await json(await api(`/v1/access-applications/${draft.id}/answer`, anna, { answer: "The letter is attached." }));
    expect(answered.status).toBe("under_review");
    expect(answered.deadline!.pausedSince).toBeNull();
    expect(answered.informationRequests[0]).toMatchObject({ answer: "The letter is attached.", answeredAt: expect.any(String) });

    const extended = await json(await api(`/v1/access-applications/${draft.id}/extend`, h, { reasons: "Linkage with two registries is complex" }));
    expect(extended.deadline).toMatchObject({ months: 6, extended: true });

    const approved = await json(
      await api(`/v1/access-applications/${draft.id}/status`, h, {
        status: "approved",
        reasons: "Purpose and safeguards adequate",
        conditions: ["No export of microdata", "Publish results within 12 months"],
      }),
    );
    expect(approved).toMatchObject({
      status: "approved",
      approvedAt: expect.any(String),
      permitId: expect.stringMatching(/^EHDS-NL-\d{4}-[0-9A-F]{8}$/),
      deadline: null,
    });
    expect(approved.history.map((e) => e.status)).toEqual([
      "draft",
      "submitted",
      "under_review",
      "information_requested",
      "under_review",
      "under_review",
      "approved",
    ]);

    const permit = await json<Permit>(await api(`/v1/permits/${approved.permitId}`, {}));
    expect(permit).toMatchObject({
      kind: "data_access",
      applicationId: draft.id,
      organisation: "Erasmus MC",
      datasetIds: [datasetId],
      purpose: "SCIENTIFIC_RESEARCH",
      conditions: ["No export of microdata", "Publish results within 12 months"],
      processingEnvironment: "HDAB secure processing environment",
      status: "active",
      startDate: approved.approvedAt!.slice(0, 10),
    });
    // 24 months requested
    expect(Number(permit.endDate.slice(0, 4)) - Number(permit.startDate.slice(0, 4))).toBe(2);
    const register = await json<{ items: Permit[] }>(await api("/v1/permits", {}));
    expect(register.items.map((p) => p.id)).toContain(permit.id);
  });

  it("a collaborator reads and edits a draft and follows it; only the applicant submits", async () => {
    const anna = await researcher();
    const tom = await researcher("researcher-tom");
    const draft = await json(await api("/v1/access-applications", anna, applicationInput(datasetId)), 201);
    expect((await api(`/v1/access-applications/${draft.id}`, tom)).status).toBe(404);
    const invited = await json(
      await api(`/v1/access-applications/${draft.id}/collaborators`, anna, { id: "researcher-tom", name: "Tom de Vries", email: "tom@example.nl" }),
    );
    expect(invited.collaborators).toEqual([expect.objectContaining({ id: "researcher-tom", name: "Tom de Vries" })]);

    expect((await json(await api(`/v1/access-applications/${draft.id}`, tom))).id).toBe(draft.id);
    const list = await json<{ items: AccessApplication[] }>(await api("/v1/access-applications", tom));
    expect(list.items.map((a) => a.id)).toContain(draft.id);
    const edited = await json(await api(`/v1/access-applications/${draft.id}`, tom, { safeguards: "Two-person rule on all exports" }, "PATCH"));
    expect(edited.safeguards).toBe("Two-person rule on all exports");

    expect((await api(`/v1/access-applications/${draft.id}/submit`, tom, undefined, "POST")).status).toBe(403);
    expect((await api(`/v1/access-applications/${draft.id}/collaborators`, tom, { id: "researcher-eve", name: "Eve", email: "eve@example.nl" })).status).toBe(
      403,
    );
    await json(await api(`/v1/access-applications/${draft.id}/submit`, anna, undefined, "POST"));
    await json(await api(`/v1/access-applications/${draft.id}/status`, await hdab(), { status: "under_review" }));

    // the collaborator follows: in-app notifications and e-mail in the development outbox
    const notes = await json<{ items: { applicationId: string; event: string }[] }>(await api("/v1/me/notifications", tom));
    expect(notes.items.filter((n) => n.applicationId === draft.id).map((n) => n.event)).toEqual(expect.arrayContaining(["submitted", "under_review"]));
    const outbox = await env.DB.prepare(`SELECT subject FROM email_outbox WHERE recipient = 'tom@example.nl'`).all<{ subject: string }>();
    expect(outbox.results.some((m) => m.subject.includes("reviewing"))).toBe(true);

    // removing the collaborator ends their access
    await json(await api(`/v1/access-applications/${draft.id}/collaborators/researcher-tom`, anna, undefined, "DELETE"));
    expect((await api(`/v1/access-applications/${draft.id}`, tom)).status).toBe(404);
  });

  it("a health data request (Art. 69): no processing environment needed, no extension, answered in the register", async () => {
    const request = await submittedApplication(dataRequestInput(datasetId));
    expect(request).toMatchObject({ kind: "data_request", status: "submitted", deadline: expect.objectContaining({ months: 3 }) });
    const h = await hdab();
    await json(await api(`/v1/access-applications/${request.id}/status`, h, { status: "under_review" }));
    expect((await api(`/v1/access-applications/${request.id}/extend`, h, { reasons: "busy" })).status).toBe(409);
    const approved = await json(await api(`/v1/access-applications/${request.id}/status`, h, { status: "approved", reasons: "Counts can be produced" }));
    const permit = await json<Permit>(await api(`/v1/permits/${approved.permitId}`, {}));
    expect(permit).toMatchObject({ kind: "data_request", processingEnvironment: null, dataForm: null, conditions: [] });
  });

  it("rejection needs reasons, which the applicant sees; a rejected application gets no permit", async () => {
    const app = await submittedApplication(applicationInput(datasetId, { dataForm: "anonymised", pseudonymisationJustification: undefined }));
    const h = await hdab();
    await json(await api(`/v1/access-applications/${app.id}/status`, h, { status: "under_review" }));
    expect((await api(`/v1/access-applications/${app.id}/status`, h, { status: "rejected" })).status).toBe(400);
    await json(await api(`/v1/access-applications/${app.id}/status`, h, { status: "rejected", reasons: "Aggregated statistics suffice for this purpose" }));
    const seen = await json(await api(`/v1/access-applications/${app.id}`, await researcher()));
    expect(seen).toMatchObject({ status: "rejected", reasons: "Aggregated statistics suffice for this purpose", permitId: null, deadline: null });
  });

  it("the HDAB's queue: never drafts, open applications by due date first, each with its deadline", async () => {
    const anna = await researcher();
    const draft = await json(await api("/v1/access-applications", anna, applicationInput(datasetId)), 201);
    const first = await submittedApplication(applicationInput(datasetId));
    const second = await submittedApplication(applicationInput(datasetId));
    const h = await hdab();
    // the first one is extended: its due date moves behind the second's
    await json(await api(`/v1/access-applications/${first.id}/extend`, h, { reasons: "Complex linkage" }));
    const queue = await json<{ items: AccessApplication[] }>(await api("/v1/access-applications", h));
    const ids = queue.items.map((a) => a.id);
    expect(ids).not.toContain(draft.id);
    expect(ids.indexOf(second.id)).toBeLessThan(ids.indexOf(first.id));
    const open = queue.items.filter((a) => a.deadline);
    expect(open.map((a) => a.deadline!.dueAt)).toEqual([...open.map((a) => a.deadline!.dueAt)].sort());
    const byStatus = await json<{ items: AccessApplication[] }>(await api("/v1/access-applications?status=submitted", h));
    expect(byStatus.items.every((a) => a.status === "submitted")).toBe(true);
  });

  it("deleting a draft deletes it for good", async () => {
    const anna = await researcher();
    const draft = await json(await api("/v1/access-applications", anna, {}), 201);
    expect((await api(`/v1/access-applications/${draft.id}`, anna, undefined, "DELETE")).status).toBe(204);
    expect((await api(`/v1/access-applications/${draft.id}`, anna)).status).toBe(404);
  });
});
