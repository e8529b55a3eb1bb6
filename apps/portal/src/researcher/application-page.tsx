/** One application's page for the researcher: read-only or editable form, documents, collaborators, answer, delete. */
import type { Context } from "hono";
import type { AppEnv } from "../env";
import type { FieldErrors, FormValues } from "../forms/errors";
import { catalogue, readService } from "../services/clients";
import { CsrfField, FormHead, SubmitButton, TextArea, TextField } from "../views/form";
import { Layout } from "../views/layout";
import { ApplicationDetails, ApplicationSummary, AttachmentList, History } from "./application-details";
import { ApplicationForm, valuesOf } from "./applications";

export interface PageState {
  values?: FormValues;
  errors?: FieldErrors;
  uploadError?: string;
  collaborator?: { values: FormValues; errors: FieldErrors };
  answer?: { values: FormValues; errors: FieldErrors };
}

export async function applicationPage(c: Context<AppEnv>, id: string, state: PageState = {}, status: 200 | 400 = 200) {
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
              <FormHead c={c} errors={ans.errors} formId="answer-form" />
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
            <FormHead c={c} errors={collab.errors} formId="collaborator-form" />
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

/** The signed-in researcher's id (the session token's `sub`; the catalogue verifies the token itself). */
export function userSub(c: Context<AppEnv>): string {
  const token = c.get("session").user?.token ?? "";
  try {
    const payload = JSON.parse(atob(token.split(".")[1]!.replace(/-/g, "+").replace(/_/g, "/"))) as { sub?: string };
    return payload.sub ?? "";
  } catch {
    return "";
  }
}
