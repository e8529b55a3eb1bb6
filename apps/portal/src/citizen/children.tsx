/** A guardian's children and the confirmation of a child's own choice. Mounted by ./routes.tsx behind its login check. */
import { Hono } from "hono";
import { choiceUras, namesFor } from "./names";
import type { AppEnv } from "../env";
import { ConfirmChoiceRequest } from "@regie/shared/contracts/consent";
import { formValues, type FieldErrors } from "../forms/errors";
import { describeChoice } from "../present/choice-sentence";
import { callService, consent } from "../services/clients";
import { setFlash } from "../session/session";
import { FormHead, SubmitButton, TextField } from "../views/form";
import { OrEmpty } from "../views/table";
import { acting } from "./context";
import { CitizenPage } from "./views";
import { childName } from "./page-helpers";

export const citizenChildren = new Hono<AppEnv>();

citizenChildren.get("/mijn/kinderen", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  return c.html(
    <CitizenPage c={c} a={{ ...a, childId: undefined, child: undefined, suffix: "" }} title={t.citizen.childrenTitle}>
      <p>{t.citizen.childrenIntro}</p>
      <OrEmpty empty={a.children.length === 0} text={t.citizen.childrenEmpty}>
        <ul class="card-list">
          {a.children.map((k) => (
            <li class="card">
              <h2>{k.name ?? t.citizen.yourChild}</h2>
              <p>{t.citizen.childAge(k.age)}</p>
              <p>{!k.guardianManages ? t.citizen.childSelf : k.guardianRecords === false ? t.citizen.childConfirms : t.citizen.childManaged}</p>
              {k.pendingChoices > 0 && <p class="badge badge-pending">{t.citizen.childPending(k.pendingChoices)}</p>}
              {k.guardianManages && (
                <p>
                  <a href={`/mijn?kind=${encodeURIComponent(k.childId)}`}>
                    {(k.guardianRecords === false ? t.citizen.reviewChild : t.citizen.manageChild)(k.name ?? t.citizen.yourChild)}
                  </a>
                </p>
              )}
            </li>
          ))}
        </ul>
      </OrEmpty>
    </CitizenPage>,
  );
});

citizenChildren.post("/mijn/kinderen/:childId/bevestigen", async (c) => {
  const t = c.get("t");
  const a = await acting(c, c.req.param("childId"));
  const values = formValues(await c.req.parseBody());
  const parsed = ConfirmChoiceRequest.safeParse({ choiceId: values.choiceId ?? "", code: (values.code ?? "").trim() });
  const fail = (errors: FieldErrors) =>
    c.html(
      <CitizenPage c={c} a={a} title={t.citizen.confirmTitle}>
        <form method="post" action={`/mijn/kinderen/${a.childId}/bevestigen`} novalidate>
          <FormHead c={c} errors={errors} />
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
  const names = await namesFor(c, choiceUras(res.value));
  setFlash(c, { kind: "success", text: t.citizen.confirmed(describeChoice(t, res.value, childName(a), names)) });
  return c.redirect(`/mijn?kind=${encodeURIComponent(a.childId!)}`, 303);
});
