import type { Context } from "hono";
import type { Child } from "hono/jsx";
import { DATA_CATEGORIES } from "@regie/shared";
import { PROVIDER_CATEGORIES } from "@regie/shared";
import type { AppEnv } from "../env";
import type { FieldErrors, FormValues } from "../forms/errors";
import { FormHead, optionsOf, RadioGroup, SelectField, SubmitButton, TextField } from "../views/form";
import { Layout } from "../views/layout";
import { withActing, type Acting } from "./context";
import { ProviderPicker, type PickerResults, type Side } from "./provider-picker";

/** What the provider pickers show: a side's search results and the provider already chosen on it. */
export type Pickers = Partial<Record<Side, { results?: PickerResults; chosen?: PickerResults["items"][number] }>>;

const TABS = [
  { path: "/mijn", key: "choices" },
  { path: "/mijn/inzage", key: "accessLog" },
  { path: "/mijn/berichten", key: "notifications" },
  { path: "/mijn/geschiedenis", key: "history" },
  { path: "/mijn/onderzoek", key: "secondaryUse" },
  { path: "/mijn/kinderen", key: "children" },
] as const;

/** Layout of every citizen page: the page title, the "acting for" banner and the section menu. */
export function CitizenPage({ c, a, title, children }: { c: Context<AppEnv>; a: Acting; title: string; children?: Child }) {
  const t = c.get("t");
  const path = new URL(c.req.url).pathname;
  const tabs = TABS.filter((tab) => (tab.key === "children" ? a.children.length > 0 && !a.childId : tab.key === "secondaryUse" ? !a.childId : true));
  return (
    <Layout c={c} title={title}>
      {a.child && (
        <div class="acting-banner" role="note">
          <p>
            {t.citizen.actingFor(a.child.name ?? t.citizen.yourChild)} <a href="/mijn/kinderen">{t.citizen.stopActing}</a>
          </p>
        </div>
      )}
      <nav aria-label={t.citizen.sectionNav} class="sub-nav">
        <ul>
          {tabs.map((tab) => (
            <li>
              <a href={tab.key === "children" ? tab.path : withActing(tab.path, a)} aria-current={path === tab.path ? "page" : undefined}>
                {t.citizen.tabs[tab.key]}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <h1>{title}</h1>
      {children}
    </Layout>
  );
}

export function ChoiceForm({
  c,
  a,
  action,
  values,
  errors,
  submit,
  pickers = {},
}: {
  c: Context<AppEnv>;
  a: Acting;
  action: string;
  values: FormValues;
  errors: FieldErrors;
  submit: string;
  pickers?: Pickers;
}) {
  const t = c.get("t");
  const f = t.choiceForm;
  const partyOptions = [
    ...PROVIDER_CATEGORIES.map((cat) => ({ value: cat, label: t.categories[cat]?.plural ?? cat })),
    { value: "ura", label: f.oneOrganisation },
  ];
  return (
    <form method="post" action={withActing(action, a)} novalidate id="choice-form">
      <FormHead c={c} errors={errors} formId="choice-form" fieldIds={{ holderUra: "f-holderSearch", requesterUra: "f-requesterSearch" }} formError />
      <SelectField name="holder" label={f.holder} hint={f.holderHint} options={partyOptions} placeholder={f.choose} values={values} errors={errors} required />
      <ProviderPicker c={c} side="holder" values={values} errors={errors} results={pickers.holder?.results} chosen={pickers.holder?.chosen} />
      <SelectField
        name="requester"
        label={f.requester}
        hint={f.requesterHint}
        options={partyOptions}
        placeholder={f.choose}
        values={values}
        errors={errors}
        required
      />
      <ProviderPicker c={c} side="requester" values={values} errors={errors} results={pickers.requester?.results} chosen={pickers.requester?.chosen} />
      <RadioGroup
        name="dataCategory"
        label={f.dataCategory}
        options={DATA_CATEGORIES.map((d) => ({ value: d.code, label: t.dataCategories[d.code]?.name ?? d.display, hint: t.dataCategories[d.code]?.help }))}
        values={values}
        errors={errors}
        required
      />
      <RadioGroup name="decision" label={f.decision} options={optionsOf({ permit: f.permit, deny: f.deny })} values={values} errors={errors} required />
      <TextField name="validUntil" type="date" label={f.validUntil} hint={f.validUntilHint} values={values} errors={errors} />
      <div class="actions">
        <SubmitButton>{submit}</SubmitButton>
        <a href={withActing("/mijn", a)}>{t.cancel}</a>
      </div>
    </form>
  );
}
