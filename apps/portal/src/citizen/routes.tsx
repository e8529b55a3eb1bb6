import { Hono } from "hono";
import type { Context } from "hono";
import type { Choice } from "@regie/shared/contracts/consent";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import { choiceProblemErrors, choiceToValues, parseChoiceForm } from "../forms/choice-form";
import { formValues, type FieldErrors, type FormValues } from "../forms/errors";
import { describeChoice } from "../present/choice-sentence";
import { callService, consent, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, SubmitButton } from "../views/form";
import { acting, withActing, type Acting } from "./context";
import { ChoiceForm, CitizenPage } from "./views";
import { ro, childName, statusLabel } from "./page-helpers";
import { citizenRecords } from "./records";
import { citizenResearchOptOut } from "./research-opt-out";
import { citizenChildren } from "./children";

export const citizen = new Hono<AppEnv>();
citizen.use("/mijn", requireUser("citizen"));
citizen.use("/mijn/*", requireUser("citizen"));

citizen.get("/mijn", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const choices = (await readService(c, () => consent(c).listChoices(ro(a)))).items.filter((ch) => ch.status !== "withdrawn");
  return c.html(
    <CitizenPage c={c} a={a} title={a.child ? t.citizen.childChoicesTitle(a.child.name ?? t.citizen.yourChild) : t.citizen.choicesTitle}>
      <p>{a.child ? t.citizen.childChoicesIntro(childName(a) ?? t.citizen.yourChild) : t.citizen.choicesIntro}</p>
      <p>
        <a class="button" href={withActing("/mijn/keuzes/nieuw", a)}>
          {t.citizen.newChoice}
        </a>
      </p>
      {choices.length === 0 ? (
        <p class="empty">{t.citizen.noChoices}</p>
      ) : (
        <ul class="choice-list">
          {choices.map((ch) => (
            <li class={`choice choice-${ch.decision}`}>
              <p class="choice-sentence">{describeChoice(t, ch, childName(a))}</p>
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
              <p class="choice-actions">
                <a href={withActing(`/mijn/keuzes/${encodeURIComponent(ch.id)}/wijzigen`, a)} aria-label={`${t.citizen.change}: ${describeChoice(t, ch, childName(a))}`}>
                  {t.citizen.change}
                </a>
                <a href={withActing(`/mijn/keuzes/${encodeURIComponent(ch.id)}/intrekken`, a)} aria-label={`${t.citizen.withdraw}: ${describeChoice(t, ch, childName(a))}`}>
                  {t.citizen.withdraw}
                </a>
              </p>
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

function choiceFormPage(c: Context<AppEnv>, a: Acting, title: string, action: string, values: FormValues, errors: FieldErrors, submit: string) {
  return c.html(
    <CitizenPage c={c} a={a} title={title}>
      <ChoiceForm c={c} a={a} action={action} values={values} errors={errors} submit={submit} />
    </CitizenPage>,
    400,
  );
}

citizen.post("/mijn/keuzes", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const values = formValues(await c.req.parseBody());
  const parsed = parseChoiceForm(t, values);
  if (!parsed.ok) return choiceFormPage(c, a, t.citizen.newChoiceTitle, "/mijn/keuzes", values, parsed.errors, t.citizen.saveChoice);
  const res = await callService(c, () => consent(c).recordChoice(parsed.input, ro(a)));
  if (!res.ok) return choiceFormPage(c, a, t.citizen.newChoiceTitle, "/mijn/keuzes", values, choiceProblemErrors(t, res.problem.problem), t.citizen.saveChoice);
  const saved = res.value;
  const text = saved.confirmation
    ? t.citizen.savedPending(describeChoice(t, saved, childName(a)), saved.confirmation.code)
    : t.citizen.saved(describeChoice(t, saved, childName(a)));
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
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.changeTitle}>
      <p>{t.citizen.now(describeChoice(t, choice, childName(a)))}</p>
      <ChoiceForm c={c} a={a} action={`/mijn/keuzes/${encodeURIComponent(choice.id)}/wijzigen`} values={choiceToValues(choice)} errors={{}} submit={t.citizen.saveChange} />
    </CitizenPage>,
  );
});

citizen.post("/mijn/keuzes/:id/wijzigen", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const id = c.req.param("id");
  const action = `/mijn/keuzes/${encodeURIComponent(id)}/wijzigen`;
  const values = formValues(await c.req.parseBody());
  const parsed = parseChoiceForm(t, values);
  if (!parsed.ok) return choiceFormPage(c, a, t.citizen.changeTitle, action, values, parsed.errors, t.citizen.saveChange);
  const res = await callService(c, () => consent(c).changeChoice(id, parsed.input, ro(a)));
  if (!res.ok) return choiceFormPage(c, a, t.citizen.changeTitle, action, values, choiceProblemErrors(t, res.problem.problem), t.citizen.saveChange);
  const saved = res.value;
  setFlash(c, {
    kind: "success",
    text: saved.confirmation ? t.citizen.savedPending(describeChoice(t, saved, childName(a)), saved.confirmation.code) : t.citizen.changed(describeChoice(t, saved, childName(a))),
  });
  return c.redirect(withActing("/mijn", a), 303);
});

// ------------------------------------------------------------------ withdraw a choice

citizen.get("/mijn/keuzes/:id/intrekken", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const choice = await findChoice(c, a, c.req.param("id"));
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.withdrawTitle}>
      <p class="choice-sentence">{describeChoice(t, choice, childName(a))}</p>
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
  setFlash(c, { kind: "success", text: t.citizen.withdrawn(describeChoice(t, res.value, childName(a))) });
  return c.redirect(withActing("/mijn", a), 303);
});

// ------------------------------------------------------------------ who asked about me

citizen.route("/", citizenRecords);
citizen.route("/", citizenResearchOptOut);
citizen.route("/", citizenChildren);
