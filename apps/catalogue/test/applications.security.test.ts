import { describe, expect, it } from "vitest";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { anonymisedApplicationInput, api, hdab, minimalDataset, publish, publisher, researcher, submittedApplication } from "./helpers";

describe("application access control: every role", () => {
  it("a researcher sees only own and shared applications; the HDAB sees submitted ones, never drafts; only the HDAB reviews", async () => {
    const ds = await publish("iknl", minimalDataset());
    const anna = await researcher("researcher-anna");
    const tom = await researcher("researcher-tom");
    const h = await hdab();
    const draft = (await (await api("/v1/access-applications", anna, anonymisedApplicationInput(ds.id))).json()) as AccessApplication;
    // a draft is the applicant's alone (and the collaborators'): the HDAB cannot see it
    expect((await api(`/v1/access-applications/${draft.id}`, h)).status).toBe(404);
    expect((await api(`/v1/access-applications/${draft.id}`, tom)).status).toBe(404);
    expect((await api(`/v1/access-applications/${draft.id}`, tom, { safeguards: "hijack" }, "PATCH")).status).toBe(404);
    expect((await api(`/v1/access-applications/${draft.id}`, tom, undefined, "DELETE")).status).toBe(404);
    expect((await api(`/v1/access-applications/${draft.id}/submit`, tom, undefined, "POST")).status).toBe(404);
    expect((await api(`/v1/access-applications/${draft.id}/collaborators`, tom, { id: "researcher-tom", name: "Tom", email: "t@example.nl" })).status).toBe(
      404,
    );

    const app = await submittedApplication(anonymisedApplicationInput(ds.id));
    expect((await api(`/v1/access-applications/${app.id}`, tom)).status).toBe(404);
    const tomsList = (await (await api("/v1/access-applications", tom)).json()) as { items: AccessApplication[] };
    expect(tomsList.items.find((a) => a.id === app.id)).toBeUndefined();
    expect((await api(`/v1/access-applications/${app.id}`, h)).status).toBe(200);

    // the HDAB's steps need the HDAB; a researcher's steps need a researcher
    expect((await api(`/v1/access-applications/${app.id}/status`, anna, { status: "under_review" })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}/status`, await publisher("iknl"), { status: "under_review" })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}/extend`, anna, { reasons: "I want more time" })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}/cohort-filter`, tom, { bsns: ["999990007"] })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}/answer`, h, { answer: "the HDAB answers itself" })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}`, h, { safeguards: "x" }, "PATCH")).status).toBe(403);
    expect((await api("/v1/access-applications", h, {})).status).toBe(403);
    expect((await api("/v1/access-applications", {}, {})).status).toBe(401);
    expect((await api("/v1/access-applications", {})).status).toBe(401);
    expect((await api("/v1/me/notifications", h)).status).toBe(403);
  });

  it("a collaborator may not answer the HDAB, extend or invite; another researcher's notifications stay private", async () => {
    const ds = await publish("iknl", minimalDataset());
    const anna = await researcher("researcher-anna");
    const tom = await researcher("researcher-tom");
    const app = await submittedApplication(anonymisedApplicationInput(ds.id));
    expect((await api(`/v1/access-applications/${app.id}/collaborators`, anna, { id: "researcher-tom", name: "Tom", email: "tom@example.nl" })).status).toBe(
      200,
    );
    expect((await api(`/v1/access-applications/${app.id}/status`, await hdab(), { status: "information_requested", question: "Which years?" })).status).toBe(
      200,
    );
    expect((await api(`/v1/access-applications/${app.id}/answer`, tom, { answer: "2015-2024" })).status).toBe(403);
    expect((await api(`/v1/access-applications/${app.id}/collaborators/researcher-tom`, tom, undefined, "DELETE")).status).toBe(403);
    const eve = await researcher("researcher-eve");
    const notes = (await (await api("/v1/me/notifications", eve)).json()) as { items: { applicationId: string }[] };
    expect(notes.items.find((n) => n.applicationId === app.id)).toBeUndefined();
  });

  it("the researcher is taken from the token, not the body; status and permit cannot be set by the applicant", async () => {
    const ds = await publish("iknl", minimalDataset());
    const res = await api("/v1/access-applications", await researcher("researcher-anna"), {
      ...anonymisedApplicationInput(ds.id),
      researcher: "researcher-tom",
    });
    expect(res.status).toBe(400);
    const ok = (await (
      await api("/v1/access-applications", await researcher("researcher-anna"), anonymisedApplicationInput(ds.id))
    ).json()) as AccessApplication;
    expect(ok).toMatchObject({ researcher: "researcher-anna", status: "draft", permitId: null });
    expect(
      (await api(`/v1/access-applications/${ok.id}`, await researcher("researcher-anna"), { status: "approved", permitId: "EHDS-NL-2026-00000000" }, "PATCH"))
        .status,
    ).toBe(400);
  });

  it("the public register names no natural person", async () => {
    const ds = await publish("iknl", minimalDataset());
    const app = await submittedApplication(anonymisedApplicationInput(ds.id));
    const h = await hdab();
    await api(`/v1/access-applications/${app.id}/collaborators`, await researcher(), { id: "researcher-tom", name: "Tom de Vries", email: "tom@example.nl" });
    await api(`/v1/access-applications/${app.id}/status`, h, { status: "under_review" });
    expect((await api(`/v1/access-applications/${app.id}/status`, h, { status: "approved", conditions: ["No export"] })).status).toBe(200);
    const text = await (await api("/v1/permits", {})).text();
    expect(text).toContain(app.id);
    for (const personal of ["Anna Visser", "anna@example.nl", "researcher-anna", "Tom de Vries", "tom@example.nl", "hdab-nl"])
      expect(text).not.toContain(personal);
  });
});
