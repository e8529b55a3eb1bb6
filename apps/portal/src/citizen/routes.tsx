import { Hono } from "hono";
import type { Context } from "hono";
import type { Choice } from "@regie/shared/contracts/consent";
import { ConfirmChoiceRequest, SecondaryUseRequest } from "@regie/shared/contracts/consent";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import { choiceProblemErrors, choiceToValues, parseChoiceForm } from "../forms/choice-form";
import { formValues, type FieldErrors, type FormValues } from "../forms/errors";
import { describeChoice } from "../present/choice-sentence";
import { describeLogEntry } from "../present/access-log";
import { callService, consent, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, ErrorSummary, SubmitButton, TextField } from "../views/form";
import { acting, withActing, type Acting } from "./context";
import { ChoiceForm, CitizenPage } from "./views";

export const citizen = new Hono<AppEnv>();
citizen.use("/mijn", requireUser("citizen"));
citizen.use("/mijn/*", requireUser("citizen"));

const ro = (a: Acting) => (a.childId ? { child: a.childId } : undefined);
/** First name of the child a guardian acts for, so sentences say "de uitslagen van Noor". */
const childName = (a: Acting) => (a.child ? (a.child.name ?? "").split(" ")[0] || undefined : undefined);

function statusLabel(c: Context<AppEnv>, choice: Choice) {
  const t = c.get("t");
  if (choice.status === "pending") return <p class="badge badge-pending">{t.choiceSentence.pending}</p>;
  if (choice.temporary) return <p class="badge">{t.citizen.temporary}</p>;
  return null;
}

// ------------------------------------------------------------------ overview

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

citizen.get("/mijn/inzage", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const entries = (await readService(c, () => consent(c).accessLog(ro(a)))).items.slice().sort((x, y) => y.seq - x.seq);
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.accessLogTitle}>
      <p>{t.citizen.accessLogIntro}</p>
      {entries.length === 0 ? (
        <p class="empty">{t.citizen.accessLogEmpty}</p>
      ) : (
        <table class="data-table">
          <caption class="visually-hidden">{t.citizen.accessLogTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{t.citizen.when}</th>
              <th scope="col">{t.citizen.who}</th>
              <th scope="col">{t.citizen.what}</th>
              <th scope="col">{t.citizen.outcome}</th>
            </tr>
          </thead>
          <tbody>
            {entries.map((e) => {
              const d = describeLogEntry(t, e);
              return (
                <tr>
                  <td>{t.dateTime(e.at)}</td>
                  <td>{d.who}</td>
                  <td>
                    {d.what}
                    {e.emergency && <strong class="badge badge-warning">{t.citizen.emergency}</strong>}
                  </td>
                  <td>{d.outcome}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </CitizenPage>,
  );
});

// ------------------------------------------------------------------ notifications and history

citizen.get("/mijn/berichten", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const items = (await readService(c, () => consent(c).notifications(ro(a)))).items.slice().sort((x, y) => y.createdAt.localeCompare(x.createdAt));
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.notificationsTitle}>
      {items.length === 0 ? (
        <p class="empty">{t.citizen.notificationsEmpty}</p>
      ) : (
        <ul class="timeline">
          {items.map((n) => (
            <li>
              <p class="meta">{t.dateTime(n.createdAt)}</p>
              <p>{t.citizen.notificationKinds[n.kind] ?? n.message}</p>
            </li>
          ))}
        </ul>
      )}
    </CitizenPage>,
  );
});

citizen.get("/mijn/geschiedenis", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const items = (await readService(c, () => consent(c).history(ro(a)))).items.slice().sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.version - x.version);
  return c.html(
    <CitizenPage c={c} a={a} title={t.citizen.historyTitle}>
      <p>{t.citizen.historyIntro}</p>
      {items.length === 0 ? (
        <p class="empty">{t.citizen.historyEmpty}</p>
      ) : (
        <ul class="timeline">
          {items.map((v) => (
            <li>
              <p class="meta">
                {t.dateTime(v.updatedAt)} · {t.citizen.changeKinds[v.change]} · {t.citizen.recordedBy[v.recordedBy.role]}
                {v.recordedBy.ura ? ` (URA ${v.recordedBy.ura})` : ""}
              </p>
              <p>{describeChoice(t, v, childName(a))}</p>
            </li>
          ))}
        </ul>
      )}
    </CitizenPage>,
  );
});

// ------------------------------------------------------------------ secondary use (EHDS opt-out)

citizen.get("/mijn/onderzoek", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  if (a.childId) throw new PageError(404, "notFound");
  const state = await readService(c, () => consent(c).secondaryUse());
  const s = t.secondaryUse;
  return c.html(
    <CitizenPage c={c} a={a} title={s.title}>
      <p>{s.explain1}</p>
      <p>{s.explain2}</p>
      <p>{s.explain3}</p>
      <div class={`status-box ${state.optOut ? "status-off" : "status-on"}`}>
        <p>
          <strong>{state.optOut ? s.currentOptedOut : s.currentAllowed}</strong>
          {state.changedAt && ` ${s.changedAt(t.dateTime(state.changedAt))}`}
        </p>
      </div>
      <form method="post" action="/mijn/onderzoek">
        <CsrfField c={c} />
        <input type="hidden" name="optOut" value={state.optOut ? "false" : "true"} />
        <SubmitButton variant={state.optOut ? undefined : "secondary"}>{state.optOut ? s.optIn : s.optOut}</SubmitButton>
      </form>
    </CitizenPage>,
  );
});

citizen.post("/mijn/onderzoek", async (c) => {
  const t = c.get("t");
  const body = await c.req.parseBody();
  const parsed = SecondaryUseRequest.safeParse({ optOut: body.optOut === "true" ? true : body.optOut === "false" ? false : body.optOut });
  if (!parsed.success) throw new PageError(400, "badRequest");
  const res = await callService(c, () => consent(c).setSecondaryUse(parsed.data.optOut));
  if (!res.ok) throw new PageError(400, "badRequest");
  setFlash(c, { kind: "success", text: res.value.optOut ? t.secondaryUse.savedOptOut : t.secondaryUse.savedOptIn });
  return c.redirect("/mijn/onderzoek", 303);
});

// ------------------------------------------------------------------ guardian: children

citizen.get("/mijn/kinderen", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  return c.html(
    <CitizenPage c={c} a={{ ...a, childId: undefined, child: undefined, suffix: "" }} title={t.citizen.childrenTitle}>
      <p>{t.citizen.childrenIntro}</p>
      {a.children.length === 0 ? (
        <p class="empty">{t.citizen.childrenEmpty}</p>
      ) : (
        <ul class="card-list">
          {a.children.map((k) => (
            <li class="card">
              <h2>{k.name ?? t.citizen.yourChild}</h2>
              <p>{t.citizen.childAge(k.age)}</p>
              <p>{k.guardianManages ? t.citizen.childManaged : t.citizen.childSelf}</p>
              {k.pendingChoices > 0 && <p class="badge badge-pending">{t.citizen.childPending(k.pendingChoices)}</p>}
              {k.guardianManages && (
                <p>
                  <a href={`/mijn?kind=${encodeURIComponent(k.childId)}`}>{t.citizen.manageChild(k.name ?? t.citizen.yourChild)}</a>
                </p>
              )}
            </li>
          ))}
        </ul>
      )}
    </CitizenPage>,
  );
});

citizen.post("/mijn/kinderen/:childId/bevestigen", async (c) => {
  const t = c.get("t");
  const a = await acting(c, c.req.param("childId"));
  const values = formValues(await c.req.parseBody());
  const parsed = ConfirmChoiceRequest.safeParse({ choiceId: values.choiceId ?? "", code: (values.code ?? "").trim() });
  const fail = (errors: FieldErrors) =>
    c.html(
      <CitizenPage c={c} a={a} title={t.citizen.confirmTitle}>
        <form method="post" action={`/mijn/kinderen/${a.childId}/bevestigen`} novalidate>
          <ErrorSummary c={c} errors={errors} />
          <CsrfField c={c} />
          <input type="hidden" name="choiceId" value={values.choiceId ?? ""} />
          <TextField name="code" label={t.citizen.confirmCodeLabel} hint={t.citizen.confirmCodeHint} values={values} errors={errors} autocomplete="off" />
          <SubmitButton>{t.citizen.confirm}</SubmitButton>
        </form>
      </CitizenPage>,
      400,
    );
  if (!parsed.success) return fail({ code: t.citizen.confirmCodeInvalid });
  const res = await callService(c, () => consent(c).confirmChildChoice(a.childId!, parsed.data));
  if (!res.ok) return fail({ code: t.citizen.confirmCodeWrong });
  setFlash(c, { kind: "success", text: t.citizen.confirmed(describeChoice(t, res.value, childName(a))) });
  return c.redirect(`/mijn?kind=${encodeURIComponent(a.childId!)}`, 303);
});
