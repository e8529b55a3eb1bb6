import type { Context } from "hono";
import type { Choice } from "@regie/shared/contracts/consent";
import { sectionFor } from "../auth/guard";
import type { AppEnv } from "../env";
import { choiceProblemErrors, choiceToValues, parseChoiceForm } from "../forms/choice-form";
import { formValues, type FieldErrors, type FormValues } from "../forms/errors";
import { describeChoice } from "../present/choice-sentence";
import { callService, consent, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, SubmitButton } from "../views/form";
import { acting, withActing, type Acting } from "./context";
import { ChoiceForm, CitizenPage, type Pickers } from "./views";
import { choiceUras, namesFor, type OrgNames } from "./names";
import { PickerResultList, searchProviders, SIDES, type Side } from "./provider-picker";
import { ro, childName, statusLabel } from "./page-helpers";
import { citizenRecords } from "./records";
import { citizenResearchOptOut } from "./research-opt-out";
import { citizenChildren } from "./children";

export const citizen = sectionFor("citizen", "/mijn");

citizen.get("/mijn", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const choices = (await readService(c, () => consent(c).listChoices(ro(a)))).items.filter((ch) => ch.status !== "withdrawn");
  const names = await namesFor(c, choices.flatMap(choiceUras));
  // from 12 to 16 the child records and the guardian only confirms (the registry refuses the guardian's writes)
  const writes = a.child?.guardianRecords !== false;
  return c.html(
    <CitizenPage c={c} a={a} title={a.child ? t.citizen.childChoicesTitle(a.child.name ?? t.citizen.yourChild) : t.citizen.choicesTitle}>
      <p>{a.child ? t.citizen.childChoicesIntro(childName(a) ?? t.citizen.yourChild) : t.citizen.choicesIntro}</p>
      {!writes && <p>{t.citizen.childConfirmsIntro(childName(a) ?? t.citizen.yourChild)}</p>}
      {writes && (
        <p>
          <a class="button" href={withActing("/mijn/keuzes/nieuw", a)}>
            {t.citizen.newChoice}
          </a>
        </p>
      )}
      {choices.length === 0 ? (
        <p class="empty">{t.citizen.noChoices}</p>
      ) : (
        <ul class="choice-list">
          {choices.map((ch) => (
            <li class={`choice choice-${ch.decision}`}>
              <p class="choice-sentence">{describeChoice(t, ch, childName(a), names)}</p>
              {statusLabel(c, ch)}
              {a.childId && ch.status === "pending" && (
                <form method="post" action={`/mijn/kinderen/${a.childId}/bevestigen`} class="confirm-form">
                  <CsrfField c={c} />
                  <input type="hidden" name="choiceId" value={ch.id} />
                  <label for={`code-${ch.id}`}>{t.citizen.confirmCodeLabel}</label>
                  <input id={`code-${ch.id}`} name="code" type="text" autocomplete="off" class="code-input" />
                  <SubmitButton variant="secondary">{t.citizen.confirm}</SubmitButton>
                </form>
              )}
              {writes && (
                <p class="choice-actions">
                  <a
                    href={withActing(`/mijn/keuzes/${encodeURIComponent(ch.id)}/wijzigen`, a)}
                    aria-label={`${t.citizen.change}: ${describeChoice(t, ch, childName(a), names)}`}
                  >
                    {t.citizen.change}
                  </a>
                  <a
                    href={withActing(`/mijn/keuzes/${encodeURIComponent(ch.id)}/intrekken`, a)}
                    aria-label={`${t.citizen.withdraw}: ${describeChoice(t, ch, childName(a), names)}`}
                  >
                    {t.citizen.withdraw}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t.citizen.noChoiceTitle}</h2>
      <p>{t.citizen.noChoiceText}</p>
    </CitizenPage>,
  );
});

// ------------------------------------------------------------------ record a choice

citizen.get("/mijn/keuzes/nieuw", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.newChoiceTitle}>
      <p>{t.citizen.newChoiceIntro}</p>
      <ChoiceForm c={c} a={a} action="/mijn/keuzes" values={{}} errors={{}} submit={t.citizen.saveChoice} />
    </CitizenPage>,
  );
});

/** The pickers' state for a form: the provider already chosen on each side and, after a search, that side's results. */
async function pickersFor(c: Context<AppEnv>, values: FormValues, search?: Side): Promise<Pickers> {
  const names: OrgNames = await namesFor(
    c,
    SIDES.map((side) => values[`${side}Ura`]),
  );
  const out: Pickers = {};
  for (const side of SIDES) {
    const ura = values[`${side}Ura`];
    out[side] = { chosen: ura ? names.get(ura) : undefined };
  }
  if (search) out[search]!.results = await readService(c, () => searchProviders(c, values[`${search}Search`] ?? ""));
  return out;
}

/** The search button of a picker was pressed ("search-holder" / "search-requester"): which side. */
const searchSide = (values: FormValues): Side | undefined => SIDES.find((side) => values.action === `search-${side}`);

async function choiceFormPage(
  c: Context<AppEnv>,
  a: Acting,
  title: string,
  action: string,
  values: FormValues,
  errors: FieldErrors,
  submit: string,
  status: 200 | 400 = 400,
) {
  const search = searchSide(values);
  // searching for one particular provider means choosing "one particular provider" on that side
  if (search) values[search] = "ura";
  const pickers = await pickersFor(c, values, search);
  return c.html(
    <CitizenPage c={c} a={a} title={title}>
      <ChoiceForm c={c} a={a} action={action} values={values} errors={errors} submit={submit} pickers={pickers} />
    </CitizenPage>,
    status,
  );
}

/** The script's suggestions: the result list of one side's search as an HTML fragment (the page works without it). */
citizen.get("/mijn/zorgaanbieders", async (c) => {
  const t = c.get("t");
  const side = SIDES.find((s) => s === c.req.query("side")) ?? "holder";
  const results = await readService(c, () => searchProviders(c, c.req.query("q") ?? ""));
  return c.html(<PickerResultList t={t} side={side} results={results} />);
});

citizen.post("/mijn/keuzes", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const values = formValues(await c.req.parseBody());
  if (searchSide(values)) return choiceFormPage(c, a, t.citizen.newChoiceTitle, "/mijn/keuzes", values, {}, t.citizen.saveChoice, 200);
  const parsed = parseChoiceForm(t, values);
  if (!parsed.ok) return choiceFormPage(c, a, t.citizen.newChoiceTitle, "/mijn/keuzes", values, parsed.errors, t.citizen.saveChoice);
  const res = await callService(c, () => consent(c).recordChoice(parsed.input, ro(a)));
  if (!res.ok) return choiceFormPage(c, a, t.citizen.newChoiceTitle, "/mijn/keuzes", values, choiceProblemErrors(t, res.problem.problem), t.citizen.saveChoice);
  const saved = res.value;
  const names = await namesFor(c, choiceUras(saved));
  const text = saved.confirmation
    ? t.citizen.savedPending(describeChoice(t, saved, childName(a), names), saved.confirmation.code)
    : t.citizen.saved(describeChoice(t, saved, childName(a), names));
  setFlash(c, { kind: "success", text });
  return c.redirect(withActing("/mijn", a), 303);
});

// ------------------------------------------------------------------ change a choice

async function findChoice(c: Context<AppEnv>, a: Acting, id: string): Promise<Choice> {
  const choice = (await readService(c, () => consent(c).listChoices(ro(a)))).items.find((ch) => ch.id === id && ch.status !== "withdrawn");
  if (!choice) throw new PageError(404, "notFound");
  return choice;
}

citizen.get("/mijn/keuzes/:id/wijzigen", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const choice = await findChoice(c, a, c.req.param("id"));
  const names = await namesFor(c, choiceUras(choice));
  const values = choiceToValues(choice);
  const pickers = await pickersFor(c, values);
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.changeTitle}>
      <p>{t.citizen.now(describeChoice(t, choice, childName(a), names))}</p>
      <ChoiceForm
        c={c}
        a={a}
        action={`/mijn/keuzes/${encodeURIComponent(choice.id)}/wijzigen`}
        values={values}
        errors={{}}
        submit={t.citizen.saveChange}
        pickers={pickers}
      />
    </CitizenPage>,
  );
});

citizen.post("/mijn/keuzes/:id/wijzigen", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const id = c.req.param("id");
  const action = `/mijn/keuzes/${encodeURIComponent(id)}/wijzigen`;
  const values = formValues(await c.req.parseBody());
  if (searchSide(values)) return choiceFormPage(c, a, t.citizen.changeTitle, action, values, {}, t.citizen.saveChange, 200);
  const parsed = parseChoiceForm(t, values);
  if (!parsed.ok) return choiceFormPage(c, a, t.citizen.changeTitle, action, values, parsed.errors, t.citizen.saveChange);
  const res = await callService(c, () => consent(c).changeChoice(id, parsed.input, ro(a)));
  if (!res.ok) return choiceFormPage(c, a, t.citizen.changeTitle, action, values, choiceProblemErrors(t, res.problem.problem), t.citizen.saveChange);
  const saved = res.value;
  const names = await namesFor(c, choiceUras(saved));
  setFlash(c, {
    kind: "success",
    text: saved.confirmation
      ? t.citizen.savedPending(describeChoice(t, saved, childName(a), names), saved.confirmation.code)
      : t.citizen.changed(describeChoice(t, saved, childName(a), names)),
  });
  return c.redirect(withActing("/mijn", a), 303);
});

// ------------------------------------------------------------------ withdraw a choice

citizen.get("/mijn/keuzes/:id/intrekken", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const choice = await findChoice(c, a, c.req.param("id"));
  const names = await namesFor(c, choiceUras(choice));
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.withdrawTitle}>
      <p class="choice-sentence">{describeChoice(t, choice, childName(a), names)}</p>
      <p>{t.citizen.withdrawExplain}</p>
      <form method="post" action={withActing(`/mijn/keuzes/${encodeURIComponent(choice.id)}/intrekken`, a)}>
        <CsrfField c={c} />
        <div class="actions">
          <SubmitButton variant="danger">{t.citizen.withdrawConfirm}</SubmitButton>
          <a href={withActing("/mijn", a)}>{t.cancel}</a>
        </div>
      </form>
    </CitizenPage>,
  );
});

citizen.post("/mijn/keuzes/:id/intrekken", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const res = await callService(c, () => consent(c).withdrawChoice(c.req.param("id"), ro(a)));
  if (!res.ok) throw new PageError(400, "badRequest");
  const names = await namesFor(c, choiceUras(res.value));
  setFlash(c, { kind: "success", text: t.citizen.withdrawn(describeChoice(t, res.value, childName(a), names)) });
  return c.redirect(withActing("/mijn", a), 303);
});

// ------------------------------------------------------------------ who asked about me

citizen.route("/", citizenRecords);
citizen.route("/", citizenResearchOptOut);
citizen.route("/", citizenChildren);
