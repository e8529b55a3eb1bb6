/** The EHDS application form (draft-friendly) and the read-only views of an application, shared by researcher and HDAB pages. */
import type { Context } from "hono";
import { ApplicationDraftInput, EHDS_PURPOSES, LEGAL_BASES, type AccessApplication } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues, type ProblemLike } from "../forms/errors";
import type { Messages } from "../i18n";
import { FormHead, optionsOf, RadioGroup, SelectField, SubmitButton, TextArea, TextField } from "../views/form";

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
  // what every field gets: the values and errors, and (most fields) required
  const form = { values, errors };
  const must = { ...form, required: true };
  const codeOptions = (codes: readonly { code: string; nl: string; en: string }[]) => codes.map((x) => ({ value: x.code, label: x[lang] }));
  const yesNo = optionsOf({ yes: e.yes, no: e.no });
  return (
    <form method="post" action={`/onderzoek/aanvragen/${encodeURIComponent(app.id)}`} novalidate id="application-form">
      <FormHead c={c} errors={errors} formId="application-form" formError />
      {app.status === "draft" && <RadioGroup name="kind" label={e.kind} options={optionsOf(e.kinds)} {...must} />}
      <fieldset>
        <legend>{a.applicantLegend}</legend>
        <TextField name="applicantName" label={a.applicantName} {...form} autocomplete="name" required />
        <TextField name="applicantOrganisation" label={a.applicantOrganisation} {...form} autocomplete="organization" required />
        <TextField name="applicantEmail" type="email" label={a.applicantEmail} {...form} autocomplete="email" required />
      </fieldset>
      <SelectField name="purpose" label={a.purpose} hint={a.purposeHint} placeholder={t.choiceForm.choose} options={codeOptions(EHDS_PURPOSES)} {...must} />
      <TextArea name="purposeDescription" label={a.purposeDescription} hint={a.purposeDescriptionHint} {...must} />
      <TextArea name="requestedData" label={a.requestedData} hint={a.requestedDataHint} {...must} />
      <SelectField
        name="legalBasis"
        label={e.legalBasis}
        hint={e.legalBasisHint}
        placeholder={t.choiceForm.choose}
        options={codeOptions(LEGAL_BASES)}
        {...must}
      />
      <TextArea name="safeguards" label={a.safeguards} hint={a.safeguardsHint} {...must} />
      <TextArea name="expectedOutputs" label={e.expectedOutputs} hint={e.expectedOutputsHint} {...must} />
      <TextField name="durationMonths" label={a.durationMonths} hint={a.durationMonthsHint} {...form} inputmode="numeric" required />
      <RadioGroup name="ethicsAssessmentRequired" label={e.ethicsRequired} options={yesNo} {...must} />
      <TextField name="ethicsAssessmentReference" label={e.ethicsReference} hint={e.ethicsReferenceHint} {...form} />
      <fieldset>
        <legend>{e.dataAccessOnly}</legend>
        <RadioGroup name="dataForm" label={a.dataForm} options={optionsOf({ anonymised: a.anonymised, pseudonymised: a.pseudonymised })} {...form} />
        <TextArea name="pseudonymisationJustification" label={a.justification} hint={a.justificationHint} {...form} />
        <TextField name="processingEnvironment" label={a.processingEnvironment} hint={a.processingEnvironmentHint} {...form} />
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
