import type { Context } from "hono";
import { AccessApplicationInput, EHDS_PURPOSES, type AccessApplication, type Dataset } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues, type ProblemLike } from "../forms/errors";
import type { Messages } from "../i18n";
import { pickLang } from "../present/text";
import { CsrfField, ErrorSummary, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from "../views/form";

/** Contract path -> form field of the access application form. */
export function applicationFieldFor(path: string): string | undefined {
  const [head, sub] = path.split("/");
  if (head === "applicant" && sub) return `applicant${sub[0]!.toUpperCase()}${sub.slice(1)}`;
  if (head === "datasetIds") return "form";
  const known = ["purpose", "purposeDescription", "requestedData", "dataForm", "pseudonymisationJustification", "safeguards", "durationMonths", "processingEnvironment"];
  return head && known.includes(head) ? head : undefined;
}

function messageFor(t: Messages) {
  return (field: string) => (t.application.errors as Record<string, string>)[field] ?? t.application.errors.form;
}

/** Form values -> AccessApplicationInput (shared schema), or errors per field. */
export function parseApplicationForm(t: Messages, values: FormValues): { ok: true; input: AccessApplicationInput } | { ok: false; errors: FieldErrors } {
  const months = values.durationMonths?.trim() ?? "";
  const candidate = {
    datasetIds: (values.datasetIds ?? "").split(",").map((s) => s.trim()).filter(Boolean),
    applicant: { name: values.applicantName?.trim() ?? "", organisation: values.applicantOrganisation?.trim() ?? "", email: values.applicantEmail?.trim() ?? "" },
    purpose: values.purpose ?? "",
    purposeDescription: values.purposeDescription?.trim() ?? "",
    requestedData: values.requestedData?.trim() ?? "",
    dataForm: values.dataForm ?? "",
    pseudonymisationJustification: values.pseudonymisationJustification?.trim() ? values.pseudonymisationJustification.trim() : undefined,
    safeguards: values.safeguards?.trim() ?? "",
    durationMonths: /^\d{1,4}$/.test(months) ? Number(months) : months,
    processingEnvironment: values.processingEnvironment?.trim() ?? "",
  };
  const parsed = AccessApplicationInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues, applicationFieldFor, messageFor(t)) };
}

export function applicationProblemErrors(t: Messages, problem: ProblemLike): FieldErrors {
  const errors = issuesToFieldErrors(problemIssues(problem), applicationFieldFor, messageFor(t));
  return Object.keys(errors).length ? errors : { form: t.application.errors.form };
}

export function ApplicationForm({ c, dataset, values, errors }: { c: Context<AppEnv>; dataset: Dataset; values: FormValues; errors: FieldErrors }) {
  const t = c.get("t");
  const a = t.application;
  const lang = c.get("lang");
  return (
    <form method="post" action={`/onderzoek/datasets/${encodeURIComponent(dataset.id)}/aanvragen`} novalidate id="application-form">
      <ErrorSummary c={c} errors={errors} fieldIds={{ form: "application-form", dataForm: "f-dataForm" }} />
      {errors.form && <p class="field-error">{errors.form}</p>}
      <CsrfField c={c} />
      <input type="hidden" name="datasetIds" value={values.datasetIds ?? dataset.id} />
      <p>{a.forDataset(pickLang(dataset.title, lang))}</p>
      <fieldset>
        <legend>{a.applicantLegend}</legend>
        <TextField name="applicantName" label={a.applicantName} values={values} errors={errors} autocomplete="name" required />
        <TextField name="applicantOrganisation" label={a.applicantOrganisation} values={values} errors={errors} autocomplete="organization" required />
        <TextField name="applicantEmail" type="email" label={a.applicantEmail} values={values} errors={errors} autocomplete="email" required />
      </fieldset>
      <SelectField name="purpose" label={a.purpose} hint={a.purposeHint} placeholder={t.choiceForm.choose} options={EHDS_PURPOSES.map((p) => ({ value: p.code, label: p[lang] }))} values={values} errors={errors} required />
      <TextArea name="purposeDescription" label={a.purposeDescription} hint={a.purposeDescriptionHint} values={values} errors={errors} required />
      <TextArea name="requestedData" label={a.requestedData} hint={a.requestedDataHint} values={values} errors={errors} required />
      <RadioGroup
        name="dataForm"
        label={a.dataForm}
        options={[
          { value: "anonymised", label: a.anonymised },
          { value: "pseudonymised", label: a.pseudonymised },
        ]}
        values={values}
        errors={errors}
        required
      />
      <TextArea name="pseudonymisationJustification" label={a.justification} hint={a.justificationHint} values={values} errors={errors} />
      <TextArea name="safeguards" label={a.safeguards} hint={a.safeguardsHint} values={values} errors={errors} required />
      <TextField name="durationMonths" label={a.durationMonths} hint={a.durationMonthsHint} values={values} errors={errors} inputmode="numeric" required />
      <TextField name="processingEnvironment" label={a.processingEnvironment} hint={a.processingEnvironmentHint} values={values} errors={errors} required />
      <div class="actions">
        <SubmitButton>{a.submit}</SubmitButton>
        <a href={`/onderzoek/datasets/${encodeURIComponent(dataset.id)}`}>{t.cancel}</a>
      </div>
    </form>
  );
}

/** Status and history of one application (researcher and HDAB pages). */
export function ApplicationDetails({ c, app }: { c: Context<AppEnv>; app: AccessApplication }) {
  const t = c.get("t");
  const a = t.application;
  const purpose = EHDS_PURPOSES.find((p) => p.code === app.purpose);
  return (
    <>
      <p>
        <span class={`status status-${app.status}`}>{a.statuses[app.status]}</span>
      </p>
      {app.reasons && (
        <p>
          <strong>{a.reasons}:</strong> {app.reasons}
        </p>
      )}
      <dl class="props">
        <div class="prop"><dt>{a.datasets}</dt><dd>{app.datasetIds.map((id, i) => <>{i > 0 && ", "}<a href={`/onderzoek/datasets/${encodeURIComponent(id)}`}>{id}</a></>)}</dd></div>
        <div class="prop"><dt>{a.applicantLegend}</dt><dd>{`${app.applicant.name}, ${app.applicant.organisation} (${app.applicant.email})`}</dd></div>
        <div class="prop"><dt>{a.purpose}</dt><dd>{purpose ? purpose[c.get("lang")] : app.purpose}</dd></div>
        <div class="prop"><dt>{a.purposeDescription}</dt><dd>{app.purposeDescription}</dd></div>
        <div class="prop"><dt>{a.requestedData}</dt><dd>{app.requestedData}</dd></div>
        <div class="prop"><dt>{a.dataForm}</dt><dd>{app.dataForm === "pseudonymised" ? a.pseudonymised : a.anonymised}</dd></div>
        {app.pseudonymisationJustification && <div class="prop"><dt>{a.justification}</dt><dd>{app.pseudonymisationJustification}</dd></div>}
        <div class="prop"><dt>{a.safeguards}</dt><dd>{app.safeguards}</dd></div>
        <div class="prop"><dt>{a.durationMonths}</dt><dd>{a.months(app.durationMonths)}</dd></div>
        <div class="prop"><dt>{a.processingEnvironment}</dt><dd>{app.processingEnvironment}</dd></div>
        <div class="prop"><dt>{a.submittedAt}</dt><dd>{t.dateTime(app.createdAt)}</dd></div>
        {app.approvedAt && <div class="prop"><dt>{a.approvedAt}</dt><dd>{t.dateTime(app.approvedAt)}</dd></div>}
      </dl>
      <h2>{a.historyTitle}</h2>
      <ol class="timeline">
        {app.history.map((h) => (
          <li>
            <p class="meta">{t.dateTime(h.at)}</p>
            <p>
              {a.statuses[h.status]}
              {h.reasons ? ` — ${h.reasons}` : ""}
            </p>
          </li>
        ))}
      </ol>
    </>
  );
}
