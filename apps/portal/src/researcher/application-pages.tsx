/**
 * The researcher's EHDS application pages: start a draft from a dataset, list own and shared applications, edit
 * and submit, documents, collaborators, answer the HDAB's question, notifications. Every rule is the catalogue's;
 * these pages only decide what to show.
 */
import { Hono } from "hono";
import type { Context } from "hono";
import { ATTACHMENT_MAX_BYTES, CollaboratorInput } from "@regie/shared/contracts/catalogue";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import { formValues, issuesToFieldErrors, problemIssues } from "../forms/errors";
import { callService, catalogue, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError, pathParam } from "../views/errors";
import { CsrfField, optionsOf, RadioGroup, SubmitButton } from "../views/form";
import { TitledPage } from "../views/layout";
import { Timeline } from "../views/table";
import { ApplicationTable } from "./application-table";
import { applicationProblemErrors, parseDraftForm } from "./applications";
import { applicationPage } from "./application-page";
import { proxyAttachment, uploadFrom } from "./attachment-proxy";

export const applicationPages = new Hono<AppEnv>();
applicationPages.use("/onderzoek/datasets/:id/aanvragen", requireUser("researcher"));
applicationPages.use("/onderzoek/aanvragen", requireUser("researcher"));
applicationPages.use("/onderzoek/aanvragen/*", requireUser("researcher"));
applicationPages.use("/onderzoek/meldingen", requireUser("researcher"));

const ID = /^[A-Za-z0-9._~:-]{1,200}$/;
const param = (c: Context<AppEnv>, name: string) => pathParam(c, ID, name);

/** The signed-in researcher's id (the token's `sub`; the token is the session's own, verified by the services on every call). */

// ------------------------------------------------------------------ start a draft from a dataset

applicationPages.get("/onderzoek/datasets/:id/aanvragen", async (c) => {
  const t = c.get("t");
  const dataset = await readService(c, () => catalogue(c).dataset(param(c, "id")));
  return c.html(
    <TitledPage c={c} title={t.ehds.startTitle} intro={t.application.forDataset(dataset.title[c.get("lang")] ?? dataset.title.nl ?? dataset.id)}>
      <p>{t.ehds.startIntro}</p>
      <form method="post" action={`/onderzoek/datasets/${encodeURIComponent(dataset.id)}/aanvragen`} id="start-form">
        <CsrfField c={c} />
        <RadioGroup name="kind" label={t.ehds.kind} options={optionsOf(t.ehds.kinds)} values={{ kind: "data_access" }} errors={{}} required />
        <SubmitButton>{t.ehds.startButton}</SubmitButton>
      </form>
    </TitledPage>,
  );
});

applicationPages.post("/onderzoek/datasets/:id/aanvragen", async (c) => {
  const t = c.get("t");
  const id = param(c, "id");
  const values = formValues(await c.req.parseBody());
  const user = c.get("session").user!;
  const kind = values.kind === "data_request" ? "data_request" : "data_access";
  const res = await callService(c, () =>
    catalogue(c).createDraft({ kind, datasetIds: [id], applicant: { name: user.displayName, organisation: user.organisation ?? "" } }),
  );
  if (!res.ok) throw new PageError(400, "badRequest");
  setFlash(c, { kind: "success", text: t.ehds.draftCreated });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(res.value.id)}`, 303);
});

// ------------------------------------------------------------------ list and notifications

applicationPages.get("/onderzoek/aanvragen", async (c) => {
  const t = c.get("t");
  const items = (await readService(c, () => catalogue(c).myApplications())).items;
  return c.html(
    <TitledPage c={c} title={t.application.mineTitle}>
      <p>
        <a href="/onderzoek/meldingen">{t.ehds.notificationsTitle}</a>
      </p>
      {items.length === 0 ? (
        <p class="empty">{t.application.mineEmpty}</p>
      ) : (
        <ApplicationTable c={c} items={items} base="/onderzoek/aanvragen" caption={t.application.mineTitle} />
      )}
    </TitledPage>,
  );
});

applicationPages.get("/onderzoek/meldingen", async (c) => {
  const t = c.get("t");
  const items = (await readService(c, () => catalogue(c).notifications())).items;
  return c.html(
    <TitledPage c={c} title={t.ehds.notificationsTitle}>
      <Timeline
        emptyText={t.ehds.notificationsEmpty}
        items={items.map((n) => ({
          meta: t.dateTime(n.at),
          text: <a href={`/onderzoek/aanvragen/${encodeURIComponent(n.applicationId)}`}>{t.ehds.events[n.event] ?? n.event}</a>,
        }))}
      />
    </TitledPage>,
  );
});

// ------------------------------------------------------------------ one application

applicationPages.get("/onderzoek/aanvragen/:appId", (c) => applicationPage(c, param(c, "appId")));

/** Save the form; with action=submit also submit (a 422 shows what is missing). */
applicationPages.post("/onderzoek/aanvragen/:appId", async (c) => {
  const t = c.get("t");
  const id = param(c, "appId");
  const values = formValues(await c.req.parseBody());
  const parsed = parseDraftForm(t, values);
  if (!parsed.ok) return applicationPage(c, id, { values, errors: parsed.errors }, 400);
  const saved = await callService(c, () => catalogue(c).editApplication(id, parsed.input));
  if (!saved.ok) return applicationPage(c, id, { values, errors: applicationProblemErrors(t, saved.problem.problem) }, 400);
  if (values.action === "submit") {
    const submitted = await callService(c, () => catalogue(c).submitApplication(id));
    if (!submitted.ok) {
      const errors = applicationProblemErrors(t, submitted.problem.problem);
      return applicationPage(c, id, { values, errors: { form: t.ehds.notComplete, ...errors } }, 400);
    }
    setFlash(c, { kind: "success", text: t.ehds.submittedFlash });
  } else setFlash(c, { kind: "success", text: t.ehds.saved });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(id)}`, 303);
});

applicationPages.post("/onderzoek/aanvragen/:appId/verwijderen", async (c) => {
  const id = param(c, "appId");
  const res = await callService(c, () => catalogue(c).deleteDraft(id));
  if (!res.ok) throw new PageError(400, "badRequest");
  setFlash(c, { kind: "success", text: c.get("t").ehds.deleted });
  return c.redirect("/onderzoek/aanvragen", 303);
});

applicationPages.post("/onderzoek/aanvragen/:appId/antwoord", async (c) => {
  const t = c.get("t");
  const id = param(c, "appId");
  const values = formValues(await c.req.parseBody());
  const answer = values.answer?.trim() ?? "";
  if (answer.length < 3) return applicationPage(c, id, { answer: { values, errors: { answer: t.ehds.answerError } } }, 400);
  const res = await callService(c, () => catalogue(c).answerInformationRequest(id, answer));
  if (!res.ok) return applicationPage(c, id, { answer: { values, errors: { form: res.problem.problem?.detail ?? t.ehds.answerError } } }, 400);
  setFlash(c, { kind: "success", text: t.ehds.answered });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(id)}`, 303);
});

applicationPages.post("/onderzoek/aanvragen/:appId/medeonderzoekers", async (c) => {
  const t = c.get("t");
  const e = t.ehds;
  const id = param(c, "appId");
  const values = formValues(await c.req.parseBody());
  const messageFor = (field: string) => (e.collaboratorErrors as Record<string, string>)[field] ?? e.collaboratorErrors.form;
  const fieldFor = (path: string) => (["id", "name", "email"].includes(path) ? path : undefined);
  const parsed = CollaboratorInput.safeParse({ id: values.id?.trim() ?? "", name: values.name?.trim() ?? "", email: values.email?.trim() ?? "" });
  if (!parsed.success) return applicationPage(c, id, { collaborator: { values, errors: issuesToFieldErrors(parsed.error.issues, fieldFor, messageFor) } }, 400);
  const res = await callService(c, () => catalogue(c).addCollaborator(id, parsed.data));
  if (!res.ok) {
    const errors = issuesToFieldErrors(problemIssues(res.problem.problem), fieldFor, messageFor);
    return applicationPage(c, id, { collaborator: { values, errors: Object.keys(errors).length ? errors : { form: e.collaboratorErrors.form } } }, 400);
  }
  setFlash(c, { kind: "success", text: e.invited });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(id)}#collab-title`, 303);
});

applicationPages.post("/onderzoek/aanvragen/:appId/medeonderzoekers/:who/verwijderen", async (c) => {
  const id = param(c, "appId");
  const res = await callService(c, () => catalogue(c).removeCollaborator(id, param(c, "who")));
  if (!res.ok) throw new PageError(400, "badRequest");
  setFlash(c, { kind: "success", text: c.get("t").ehds.removed });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(id)}`, 303);
});

applicationPages.post("/onderzoek/aanvragen/:appId/bijlagen", async (c) => {
  const t = c.get("t");
  const id = param(c, "appId");
  const result = await uploadFrom(c, id, await c.req.parseBody(), ATTACHMENT_MAX_BYTES);
  if (result !== "ok") return applicationPage(c, id, { uploadError: t.ehds.uploadErrors[result] }, 400);
  setFlash(c, { kind: "success", text: t.ehds.uploaded });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(id)}#files-title`, 303);
});

applicationPages.get("/onderzoek/aanvragen/:appId/bijlagen/:fileId", (c) => proxyAttachment(c, param(c, "appId"), param(c, "fileId")));
