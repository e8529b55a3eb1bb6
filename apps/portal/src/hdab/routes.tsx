import { Hono } from "hono";
import type { Context } from "hono";
import { APPLICATION_NEXT_STATUSES, ApplicationStatusChange, type AccessApplication } from "@regie/shared/contracts/catalogue";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import { formValues, issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues } from "../forms/errors";
import { ApplicationDetails } from "../researcher/applications";
import { ApplicationTable } from "../researcher/routes";
import { callService, catalogue, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, ErrorSummary, RadioGroup, SubmitButton, TextArea } from "../views/form";
import { Layout } from "../views/layout";

export const hdab = new Hono<AppEnv>();
hdab.use("/hdab", requireUser("hdab"));
hdab.use("/hdab/*", requireUser("hdab"));

const APP_ID = /^[A-Za-z0-9._~-]{1,200}$/;


hdab.get("/hdab", async (c) => {
  const t = c.get("t");
  const items = (await readService(c, () => catalogue(c).myApplications())).items;
  const open = items.filter((a) => a.status === "submitted" || a.status === "under_review").sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  const decided = items.filter((a) => a.status === "approved" || a.status === "rejected").sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
  return c.html(
    <Layout c={c} title={t.hdab.title}>
      <h1>{t.hdab.title}</h1>
      <p>{t.hdab.intro}</p>
      <h2>{t.hdab.openTitle}</h2>
      {open.length === 0 ? <p class="empty">{t.hdab.openEmpty}</p> : <ApplicationTable c={c} items={open} base="/hdab/aanvragen" />}
      <h2>{t.hdab.decidedTitle}</h2>
      {decided.length === 0 ? <p class="empty">{t.hdab.decidedEmpty}</p> : <ApplicationTable c={c} items={decided} base="/hdab/aanvragen" />}
    </Layout>,
  );
});

function reviewPage(c: Context<AppEnv>, app: AccessApplication, values: FormValues, errors: FieldErrors, status: 200 | 400 = 200) {
  const t = c.get("t");
  const h = t.hdab;
  // The catalogue enforces the workflow; this only decides which choices the form shows.
  const next = APPLICATION_NEXT_STATUSES[app.status];
  return c.html(
    <Layout c={c} title={h.reviewTitle}>
      <p>
        <a href="/hdab">{h.backToList}</a>
      </p>
      <h1>{h.reviewTitle}</h1>
      <ApplicationDetails c={c} app={app} />
      {next.length > 0 && (
        <section aria-labelledby="decision-title">
          <h2 id="decision-title">{h.decisionTitle}</h2>
          <form method="post" action={`/hdab/aanvragen/${encodeURIComponent(app.id)}`} novalidate id="decision-form">
            <ErrorSummary c={c} errors={errors} fieldIds={{ form: "decision-form" }} />
            <CsrfField c={c} />
            <RadioGroup name="status" label={h.decision} options={next.map((s) => ({ value: s, label: h.decisions[s] ?? s }))} values={values} errors={errors} required />
            <TextArea name="reasons" label={h.reasons} hint={h.reasonsHint} values={values} errors={errors} />
            <SubmitButton>{h.submit}</SubmitButton>
          </form>
        </section>
      )}
    </Layout>,
    status,
  );
}

function appId(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!APP_ID.test(id)) throw new PageError(404, "notFound");
  return id;
}

hdab.get("/hdab/aanvragen/:id", async (c) => {
  const app = await readService(c, () => catalogue(c).application(appId(c)));
  return reviewPage(c, app, {}, {});
});

hdab.post("/hdab/aanvragen/:id", async (c) => {
  const t = c.get("t");
  const id = appId(c);
  const values = formValues(await c.req.parseBody());
  const body = { status: values.status ?? "", ...(values.reasons?.trim() ? { reasons: values.reasons.trim() } : {}) };
  const messageFor = (field: string) => (t.hdab.errors as Record<string, string>)[field] ?? t.hdab.errors.form;
  const fieldFor = (path: string) => (path === "status" || path === "reasons" ? path : undefined);
  const parsed = ApplicationStatusChange.safeParse(body);
  if (!parsed.success) {
    const app = await readService(c, () => catalogue(c).application(id));
    return reviewPage(c, app, values, issuesToFieldErrors(parsed.error.issues, fieldFor, messageFor), 400);
  }
  const res = await callService(c, () => catalogue(c).changeStatus(id, parsed.data));
  if (!res.ok) {
    const app = await readService(c, () => catalogue(c).application(id));
    const errors = issuesToFieldErrors(problemIssues(res.problem.problem), fieldFor, messageFor);
    return reviewPage(c, app, values, Object.keys(errors).length ? errors : { form: t.hdab.errors.form }, 400);
  }
  setFlash(c, { kind: "success", text: t.hdab.saved(t.application.statuses[res.value.status] ?? res.value.status) });
  return c.redirect(`/hdab/aanvragen/${encodeURIComponent(id)}`, 303);
});
