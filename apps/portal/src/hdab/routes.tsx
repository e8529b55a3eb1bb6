/** The HDAB's pages: the queue sorted by deadline (overdue marked), the review page with documents, decisions and the extension. */
import type { Context } from "hono";
import { APPLICATION_NEXT_STATUSES, ApplicationStatusChange, type AccessApplication } from "@regie/shared/contracts/catalogue";
import { sectionFor } from "../auth/guard";
import type { AppEnv } from "../env";
import { formValues, issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues } from "../forms/errors";
import { ApplicationTable } from "../researcher/application-table";
import { ApplicationDetails, ApplicationSummary, AttachmentList, History } from "../researcher/application-details";
import { proxyAttachment } from "../researcher/attachment-proxy";
import { callService, catalogue, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { pathParam } from "../views/errors";
import { FormHead, RadioGroup, SubmitButton, TextArea, TextField } from "../views/form";
import { Layout, TitledPage } from "../views/layout";

export const hdab = sectionFor("hdab", "/hdab");

const APP_ID = /^[A-Za-z0-9._~-]{1,200}$/;

hdab.get("/hdab", async (c) => {
  const t = c.get("t");
  // the catalogue answers the queue sorted by due date (most urgent first), decided ones after
  const items = (await readService(c, () => catalogue(c).myApplications())).items;
  const open = items.filter((a) => a.deadline);
  const decided = items.filter((a) => a.status === "approved" || a.status === "rejected");
  return c.html(
    <TitledPage c={c} title={t.hdab.title} intro={t.hdab.intro}>
      <h2>{t.hdab.openTitle}</h2>
      <p>{t.ehds.queueIntro}</p>
      {open.length === 0 ? <p class="empty">{t.hdab.openEmpty}</p> : <ApplicationTable c={c} items={open} base="/hdab/aanvragen" caption={t.hdab.openTitle} />}
      <h2>{t.hdab.decidedTitle}</h2>
      {decided.length === 0 ? (
        <p class="empty">{t.hdab.decidedEmpty}</p>
      ) : (
        <ApplicationTable c={c} items={decided} base="/hdab/aanvragen" caption={t.hdab.decidedTitle} />
      )}
    </TitledPage>,
  );
});

async function reviewPage(
  c: Context<AppEnv>,
  id: string,
  state: { values?: FormValues; errors?: FieldErrors; extendErrors?: FieldErrors } = {},
  status: 200 | 400 = 200,
) {
  const t = c.get("t");
  const h = t.hdab;
  const e = t.ehds;
  const app: AccessApplication = await readService(c, () => catalogue(c).application(id));
  const files = (await readService(c, () => catalogue(c).attachments(id))).items;
  // The catalogue enforces the workflow; this only decides which choices the form shows.
  const next = APPLICATION_NEXT_STATUSES[app.status].filter((s) => s !== "submitted");
  const values = state.values ?? {};
  const errors = state.errors ?? {};
  const base = `/hdab/aanvragen/${encodeURIComponent(app.id)}`;
  const canExtend = app.kind === "data_access" && app.deadline && !app.deadline.extended;
  return c.html(
    <Layout c={c} title={h.reviewTitle}>
      <p>
        <a href="/hdab">{h.backToList}</a>
      </p>
      <h1>{h.reviewTitle}</h1>
      <ApplicationSummary c={c} app={app} />
      <ApplicationDetails c={c} app={app} />
      <section aria-labelledby="files-title">
        <h2 id="files-title">{e.attachmentsTitle}</h2>
        <AttachmentList c={c} items={files} base={base} />
      </section>
      {next.length > 0 && app.status !== "information_requested" && (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{h.decisionTitle}</h2>
          <form method="post" action={base} novalidate id="decision-form">
            <FormHead c={c} errors={errors} formId="decision-form" />
            <RadioGroup
              name="status"
              label={h.decision}
              options={next.map((s) => ({ value: s, label: h.decisions[s] ?? s }))}
              values={values}
              errors={errors}
              required
            />
            <TextArea name="question" label={e.questionLabel} hint={e.questionHint} values={values} errors={errors} />
            <TextArea name="conditions" label={e.conditions} hint={e.conditionsHint} values={values} errors={errors} />
            <TextField name="endDate" label={e.endDate} hint={e.endDateHint} values={values} errors={errors} />
            <TextArea name="reasons" label={h.reasons} hint={h.reasonsHint} values={values} errors={errors} />
            <SubmitButton>{h.submit}</SubmitButton>
          </form>
        </section>
      )}
      {canExtend && (
        <section aria-labelledby="extend-title">
          <h2 id="extend-title">{e.extendTitle}</h2>
          <p class="hint">{e.extendHint}</p>
          <form method="post" action={`${base}/verlengen`} novalidate id="extend-form">
            <FormHead c={c} errors={state.extendErrors ?? {}} formId="extend-form" />
            <TextArea name="extendReasons" label={e.extendReasons} values={{}} errors={state.extendErrors ?? {}} required />
            <SubmitButton variant="secondary">{e.extendButton}</SubmitButton>
          </form>
        </section>
      )}
      <History c={c} app={app} />
    </Layout>,
    status,
  );
}

const appId = (c: Context<AppEnv>, name = "id") => pathParam(c, APP_ID, name);

hdab.get("/hdab/aanvragen/:id", (c) => reviewPage(c, appId(c)));
hdab.get("/hdab/aanvragen/:id/bijlagen/:fileId", (c) => proxyAttachment(c, appId(c), appId(c, "fileId")));

hdab.post("/hdab/aanvragen/:id", async (c) => {
  const t = c.get("t");
  const id = appId(c);
  const values = formValues(await c.req.parseBody());
  const text = (k: string) => values[k]?.trim() ?? "";
  const status = text("status");
  const conditions = text("conditions")
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean);
  const body = {
    status,
    ...(text("reasons") ? { reasons: text("reasons") } : {}),
    ...(status === "information_requested" && text("question") ? { question: text("question") } : {}),
    ...(status === "approved" && conditions.length ? { conditions } : {}),
    ...(status === "approved" && text("endDate") ? { endDate: text("endDate") } : {}),
  };
  const messageFor = (field: string, message: string) => (t.hdab.errors as Record<string, string>)[field] ?? message;
  const fieldFor = (path: string) => {
    const head = path.split("/")[0]!;
    return ["status", "reasons", "question", "conditions", "endDate"].includes(head) ? head : undefined;
  };
  const parsed = ApplicationStatusChange.safeParse(body);
  if (!parsed.success) return reviewPage(c, id, { values, errors: issuesToFieldErrors(parsed.error.issues, fieldFor, messageFor) }, 400);
  const res = await callService(c, () => catalogue(c).changeStatus(id, parsed.data));
  if (!res.ok) {
    const errors = issuesToFieldErrors(problemIssues(res.problem.problem), fieldFor, messageFor);
    return reviewPage(c, id, { values, errors: Object.keys(errors).length ? errors : { form: t.hdab.errors.form } }, 400);
  }
  setFlash(c, { kind: "success", text: t.hdab.saved(t.application.statuses[res.value.status] ?? res.value.status) });
  return c.redirect(`/hdab/aanvragen/${encodeURIComponent(id)}`, 303);
});

hdab.post("/hdab/aanvragen/:id/verlengen", async (c) => {
  const t = c.get("t");
  const id = appId(c);
  const values = formValues(await c.req.parseBody());
  const reasons = values.extendReasons?.trim() ?? "";
  if (reasons.length < 3) return reviewPage(c, id, { extendErrors: { extendReasons: t.ehds.extendError } }, 400);
  const res = await callService(c, () => catalogue(c).extendDeadline(id, reasons));
  if (!res.ok) return reviewPage(c, id, { extendErrors: { form: res.problem.problem?.detail ?? t.ehds.extendError } }, 400);
  setFlash(c, { kind: "success", text: t.ehds.extendedFlash });
  return c.redirect(`/hdab/aanvragen/${encodeURIComponent(id)}`, 303);
});
