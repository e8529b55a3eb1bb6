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
import { formValues, issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues } from "../forms/errors";
import { callService, catalogue, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, ErrorSummary, RadioGroup, SubmitButton, TextArea, TextField } from "../views/form";
import { Layout } from "../views/layout";
import { ApplicationTable } from "./application-table";
import {
  ApplicationDetails,
  ApplicationForm,
  applicationProblemErrors,
  ApplicationSummary,
  AttachmentList,
  History,
  parseDraftForm,
  valuesOf,
} from "./applications";
import { proxyAttachment, uploadFrom } from "./attachment-proxy";

export const applicationPages = new Hono<AppEnv>();
applicationPages.use("/onderzoek/datasets/:id/aanvragen", requireUser("researcher"));
applicationPages.use("/onderzoek/aanvragen", requireUser("researcher"));
applicationPages.use("/onderzoek/aanvragen/*", requireUser("researcher"));
applicationPages.use("/onderzoek/meldingen", requireUser("researcher"));

const ID = /^[A-Za-z0-9._~:-]{1,200}$/;
function param(c: Context<AppEnv>, name: string): string {
  const v = c.req.param(name) ?? "";
  if (!ID.test(v)) throw new PageError(404, "notFound");
  return v;
}

/** The signed-in researcher's id (the token's `sub`; the token is the session's own, verified by the services on every call). */
function userSub(c: Context<AppEnv>): string {
  const token = c.get("session").user?.token ?? "";
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: string };
    return payload.sub ?? "";
  } catch {
    return "";
  }
}

// ------------------------------------------------------------------ start a draft from a dataset

applicationPages.get("/onderzoek/datasets/:id/aanvragen", async (c) => {
  const t = c.get("t");
  const dataset = await readService(c, () => catalogue(c).dataset(param(c, "id")));
  return c.html(
    <Layout c={c} title={t.ehds.startTitle}>
      <h1>{t.ehds.startTitle}</h1>
      <p>{t.application.forDataset(dataset.title[c.get("lang")] ?? dataset.title.nl ?? dataset.id)}</p>
      <p>{t.ehds.startIntro}</p>
      <form method="post" action={`/onderzoek/datasets/${encodeURIComponent(dataset.id)}/aanvragen`} id="start-form">
        <CsrfField c={c} />
        <RadioGroup
          name="kind"
          label={t.ehds.kind}
          options={[
            { value: "data_access", label: t.ehds.kinds.data_access },
            { value: "data_request", label: t.ehds.kinds.data_request },
          ]}
          values={{ kind: "data_access" }}
          errors={{}}
          required
        />
        <SubmitButton>{t.ehds.startButton}</SubmitButton>
      </form>
    </Layout>,
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
    <Layout c={c} title={t.application.mineTitle}>
      <h1>{t.application.mineTitle}</h1>
      <p>
        <a href="/onderzoek/meldingen">{t.ehds.notificationsTitle}</a>
      </p>
      {items.length === 0 ? (
        <p class="empty">{t.application.mineEmpty}</p>
      ) : (
        <ApplicationTable c={c} items={items} base="/onderzoek/aanvragen" caption={t.application.mineTitle} />
      )}
    </Layout>,
  );
});

applicationPages.get("/onderzoek/meldingen", async (c) => {
  const t = c.get("t");
  const items = (await readService(c, () => catalogue(c).notifications())).items;
  return c.html(
    <Layout c={c} title={t.ehds.notificationsTitle}>
      <h1>{t.ehds.notificationsTitle}</h1>
      {items.length === 0 ? (
        <p class="empty">{t.ehds.notificationsEmpty}</p>
      ) : (
        <ul class="timeline">
          {items.map((n) => (
            <li>
              <p class="meta">{t.dateTime(n.at)}</p>
              <p>
                <a href={`/onderzoek/aanvragen/${encodeURIComponent(n.applicationId)}`}>{t.ehds.events[n.event] ?? n.event}</a>
              </p>
            </li>
          ))}
        </ul>
      )}
    </Layout>,
  );
});

// ------------------------------------------------------------------ one application

interface PageState {
  values?: FormValues;
  errors?: FieldErrors;
  uploadError?: string;
  collaborator?: { values: FormValues; errors: FieldErrors };
  answer?: { values: FormValues; errors: FieldErrors };
}

async function applicationPage(c: Context<AppEnv>, id: string, state: PageState = {}, status: 200 | 400 = 200) {
  const t = c.get("t");
  const e = t.ehds;
  const client = catalogue(c);
  const app = await readService(c, () => client.application(id));
  const files = (await readService(c, () => client.attachments(id))).items;
  const isApplicant = app.researcher === userSub(c);
  const editable = app.status === "draft" || app.status === "information_requested";
  const base = `/onderzoek/aanvragen/${encodeURIComponent(app.id)}`;
  const open = app.informationRequests.at(-1);
  const collab = state.collaborator ?? { values: {}, errors: {} };
  const ans = state.answer ?? { values: {}, errors: {} };
  return c.html(
    <Layout c={c} title={editable ? e.editTitle : t.application.detailTitle}>
      <p>
        <a href="/onderzoek/aanvragen">{t.application.backToMine}</a>
      </p>
      <h1>{editable ? e.editTitle : t.application.detailTitle}</h1>
      {!isApplicant && <p>{e.youAreCollaborator}</p>}
      <ApplicationSummary c={c} app={app} />
      {app.status === "information_requested" && open && (
        <section class="info-request" aria-labelledby="info-title">
          <h2 id="info-title">{e.infoRequestTitle}</h2>
          <p>{e.infoRequestPaused}</p>
          <p>
            <strong>{e.question}:</strong> {open.question}
          </p>
          {isApplicant && (
            <form method="post" action={`${base}/antwoord`} novalidate id="answer-form">
              <ErrorSummary c={c} errors={ans.errors} fieldIds={{ form: "answer-form" }} />
              <CsrfField c={c} />
              <TextArea name="answer" label={e.answerLabel} hint={e.answerHint} values={ans.values} errors={ans.errors} required />
              <SubmitButton>{e.sendAnswer}</SubmitButton>
            </form>
          )}
        </section>
      )}
      {editable ? (
        <ApplicationForm c={c} app={app} values={state.values ?? valuesOf(app)} errors={state.errors ?? {}} isApplicant={isApplicant} />
      ) : (
        <ApplicationDetails c={c} app={app} />
      )}
      <section aria-labelledby="files-title">
        <h2 id="files-title">{e.attachmentsTitle}</h2>
        <AttachmentList c={c} items={files} base={base} />
        {editable && (
          <form method="post" action={`${base}/bijlagen`} enctype="multipart/form-data" id="upload-form">
            <CsrfField c={c} />
            <div class={`field${state.uploadError ? " field-invalid" : ""}`}>
              <label for="f-file">{e.file}</label>
              <p class="hint" id="f-file-hint">
                {e.attachmentsHint}
              </p>
              {state.uploadError && (
                <p class="field-error" id="f-file-error" role="alert">
                  {state.uploadError}
                </p>
              )}
              <input
                type="file"
                id="f-file"
                name="file"
                accept=".pdf,.docx,.doc,.odt,.xlsx,.txt,.csv"
                aria-describedby={state.uploadError ? "f-file-hint f-file-error" : "f-file-hint"}
                aria-invalid={state.uploadError ? "true" : undefined}
              />
            </div>
            <SubmitButton variant="secondary">{e.upload}</SubmitButton>
          </form>
        )}
      </section>
      <section aria-labelledby="collab-title">
        <h2 id="collab-title">{e.collaboratorsTitle}</h2>
        <p class="hint">{e.collaboratorsHint}</p>
        {app.collaborators.length === 0 ? (
          <p class="empty">{e.collaboratorsEmpty}</p>
        ) : (
          <ul>
            {app.collaborators.map((p) => (
              <li>
                {`${p.name} (${p.id}, ${p.email})`}
                {isApplicant && (
                  <form method="post" action={`${base}/medeonderzoekers/${encodeURIComponent(p.id)}/verwijderen`} class="inline-form">
                    <CsrfField c={c} />
                    <button type="submit" class="button button-secondary">
                      {e.remove(p.name)}
                    </button>
                  </form>
                )}
              </li>
            ))}
          </ul>
        )}
        {isApplicant && app.status !== "approved" && app.status !== "rejected" && (
          <form method="post" action={`${base}/medeonderzoekers`} novalidate id="collaborator-form">
            <ErrorSummary c={c} errors={collab.errors} fieldIds={{ form: "collaborator-form" }} />
            <CsrfField c={c} />
            <TextField name="id" label={e.collaboratorId} hint={e.collaboratorIdHint} values={collab.values} errors={collab.errors} required />
            <TextField name="name" label={e.collaboratorName} values={collab.values} errors={collab.errors} required />
            <TextField name="email" type="email" label={e.collaboratorEmail} values={collab.values} errors={collab.errors} autocomplete="off" required />
            <SubmitButton variant="secondary">{e.invite}</SubmitButton>
          </form>
        )}
      </section>
      <History c={c} app={app} />
      {isApplicant && app.status === "draft" && (
        <form method="post" action={`${base}/verwijderen`} id="delete-form">
          <CsrfField c={c} />
          <SubmitButton variant="danger">{e.deleteDraft}</SubmitButton>
        </form>
      )}
    </Layout>,
    status,
  );
}

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
