/** The EHDS application form (draft-friendly) and the read-only views of an application, shared by researcher and HDAB pages. */
import type { Context } from "hono";
import { ApplicationDraftInput, EHDS_PURPOSES, LEGAL_BASES, type AccessApplication } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues, type ProblemLike } from "../forms/errors";
import type { Messages } from "../i18n";
import { CsrfField, ErrorSummary, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from "../views/form";

const FIELDS = [
  "kind",
  "purpose",
  "purposeDescription",
  "requestedData",
  "dataForm",
  "pseudonymisationJustification",
  "legalBasis",
  "safeguards",
  "expectedOutputs",
  "durationMonths",
  "processingEnvironment",
  "notProhibitedDeclaration",
  "ethicsAssessmentRequired",
  "ethicsAssessmentReference",
];

/** Contract path -> form field of the application form. */
export function applicationFieldFor(path: string): string | undefined {
  const [head, sub] = path.split("/");
  if (head === "applicant" && sub) return `applicant${sub[0]!.toUpperCase()}${sub.slice(1)}`;
  if (head === "datasetIds") return "form";
  return head && FIELDS.includes(head) ? head : undefined;
}

function messageFor(t: Messages) {
  return (field: string, message: string) => (t.application.errors as Record<string, string>)[field] ?? message;
}

/** The form as the application's values (to show a saved draft). */
export function valuesOf(app: AccessApplication): FormValues {
  const v: FormValues = {};
  for (const f of FIELDS) {
    const x = (app as Record<string, unknown>)[f];
    if (x !== undefined && x !== null) v[f] = typeof x === "boolean" ? (x ? "yes" : "no") : String(x);
  }
  v.applicantName = app.applicant.name ?? "";
  v.applicantOrganisation = app.applicant.organisation ?? "";
  v.applicantEmail = app.applicant.email ?? "";
  return v;
}

/** Form values -> a draft patch (empty fields stay empty; completeness is the submit step's job), or errors per field. */
export function parseDraftForm(t: Messages, values: FormValues): { ok: true; input: ApplicationDraftInput } | { ok: false; errors: FieldErrors } {
  const str = (k: string) => values[k]?.trim() ?? "";
  const opt = (k: string) => (str(k) ? str(k) : undefined);
  const bool = (k: string) => (values[k] === "yes" ? true : values[k] === "no" ? false : undefined);
  const months = str("durationMonths");
  const candidate = {
    kind: opt("kind"),
    applicant: { name: str("applicantName"), organisation: str("applicantOrganisation"), email: str("applicantEmail") },
    purpose: opt("purpose"),
    purposeDescription: str("purposeDescription"),
    requestedData: str("requestedData"),
    dataForm: opt("dataForm"),
    pseudonymisationJustification: str("pseudonymisationJustification"),
    legalBasis: opt("legalBasis"),
    safeguards: str("safeguards"),
    expectedOutputs: str("expectedOutputs"),
    durationMonths: months === "" ? undefined : /^\d{1,4}$/.test(months) ? Number(months) : months,
    processingEnvironment: str("processingEnvironment"),
    notProhibitedDeclaration: values.notProhibitedDeclaration === "yes" ? true : values.notProhibitedDeclarationShown ? false : undefined,
    ethicsAssessmentRequired: bool("ethicsAssessmentRequired"),
    ethicsAssessmentReference: str("ethicsAssessmentReference"),
  };
  const parsed = ApplicationDraftInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues, applicationFieldFor, messageFor(t)) };
}

export function applicationProblemErrors(t: Messages, problem: ProblemLike): FieldErrors {
  const errors = issuesToFieldErrors(problemIssues(problem), applicationFieldFor, messageFor(t));
  return Object.keys(errors).length ? errors : { form: problem?.detail ?? t.application.errors.form };
}

export function ApplicationForm({
  c,
  app,
  values,
  errors,
  isApplicant,
}: {
  c: Context<AppEnv>;
  app: AccessApplication;
  values: FormValues;
  errors: FieldErrors;
  isApplicant: boolean;
}) {
  const t = c.get("t");
  const a = t.application;
  const e = t.ehds;
  const lang = c.get("lang");
  const yesNo = [
    { value: "yes", label: e.yes },
    { value: "no", label: e.no },
  ];
  return (
    <form method="post" action={`/onderzoek/aanvragen/${encodeURIComponent(app.id)}`} novalidate id="application-form">
      <ErrorSummary
        c={c}
        errors={errors}
        fieldIds={{
          form: "application-form",
          dataForm: "f-dataForm",
          kind: "f-kind",
          ethicsAssessmentRequired: "f-ethicsAssessmentRequired",
          notProhibitedDeclaration: "f-notProhibitedDeclaration",
        }}
      />
      {errors.form && <p class="field-error">{errors.form}</p>}
      <CsrfField c={c} />
      {app.status === "draft" && (
        <RadioGroup
          name="kind"
          label={e.kind}
          options={[
            { value: "data_access", label: e.kinds.data_access },
            { value: "data_request", label: e.kinds.data_request },
          ]}
          values={values}
          errors={errors}
          required
        />
      )}
      <fieldset>
        <legend>{a.applicantLegend}</legend>
        <TextField name="applicantName" label={a.applicantName} values={values} errors={errors} autocomplete="name" required />
        <TextField name="applicantOrganisation" label={a.applicantOrganisation} values={values} errors={errors} autocomplete="organization" required />
        <TextField name="applicantEmail" type="email" label={a.applicantEmail} values={values} errors={errors} autocomplete="email" required />
      </fieldset>
      <SelectField
        name="purpose"
        label={a.purpose}
        hint={a.purposeHint}
        placeholder={t.choiceForm.choose}
        options={EHDS_PURPOSES.map((p) => ({ value: p.code, label: p[lang] }))}
        values={values}
        errors={errors}
        required
      />
      <TextArea name="purposeDescription" label={a.purposeDescription} hint={a.purposeDescriptionHint} values={values} errors={errors} required />
      <TextArea name="requestedData" label={a.requestedData} hint={a.requestedDataHint} values={values} errors={errors} required />
      <SelectField
        name="legalBasis"
        label={e.legalBasis}
        hint={e.legalBasisHint}
        placeholder={t.choiceForm.choose}
        options={LEGAL_BASES.map((b) => ({ value: b.code, label: b[lang] }))}
        values={values}
        errors={errors}
        required
      />
      <TextArea name="safeguards" label={a.safeguards} hint={a.safeguardsHint} values={values} errors={errors} required />
      <TextArea name="expectedOutputs" label={e.expectedOutputs} hint={e.expectedOutputsHint} values={values} errors={errors} required />
      <TextField name="durationMonths" label={a.durationMonths} hint={a.durationMonthsHint} values={values} errors={errors} inputmode="numeric" required />
      <RadioGroup name="ethicsAssessmentRequired" label={e.ethicsRequired} options={yesNo} values={values} errors={errors} required />
      <TextField name="ethicsAssessmentReference" label={e.ethicsReference} hint={e.ethicsReferenceHint} values={values} errors={errors} />
      <fieldset>
        <legend>{e.dataAccessOnly}</legend>
        <RadioGroup
          name="dataForm"
          label={a.dataForm}
          options={[
            { value: "anonymised", label: a.anonymised },
            { value: "pseudonymised", label: a.pseudonymised },
          ]}
          values={values}
          errors={errors}
        />
        <TextArea name="pseudonymisationJustification" label={a.justification} hint={a.justificationHint} values={values} errors={errors} />
        <TextField name="processingEnvironment" label={a.processingEnvironment} hint={a.processingEnvironmentHint} values={values} errors={errors} />
      </fieldset>
      <fieldset class={`field${errors.notProhibitedDeclaration ? " field-invalid" : ""}`} id="f-notProhibitedDeclaration">
        <legend>{e.declarationLegend}</legend>
        {errors.notProhibitedDeclaration && (
          <p class="field-error" id="f-notProhibitedDeclaration-error">
            {errors.notProhibitedDeclaration}
          </p>
        )}
        <input type="hidden" name="notProhibitedDeclarationShown" value="1" />
        <div class="checkbox">
          <input
            type="checkbox"
            id="f-notProhibitedDeclaration-box"
            name="notProhibitedDeclaration"
            value="yes"
            checked={values.notProhibitedDeclaration === "yes"}
          />
          <label for="f-notProhibitedDeclaration-box">{e.declaration}</label>
        </div>
      </fieldset>
      <div class="actions">
        <button type="submit" name="action" value="save" class="button button-secondary">
          {e.saveDraft}
        </button>
        {isApplicant && app.status === "draft" && (
          <button type="submit" name="action" value="submit" class="button">
            {e.submit}
          </button>
        )}
      </div>
    </form>
  );
}

export { SubmitButton };
