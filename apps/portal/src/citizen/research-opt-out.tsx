/** The EHDS secondary-use opt-out page (onderzoek). Mounted by ./routes.tsx behind its login check. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { SecondaryUseRequest } from "@regie/shared/contracts/consent";
import { callService, consent, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { CsrfField, SubmitButton } from "../views/form";
import { acting } from "./context";
import { CitizenPage } from "./views";

export const citizenResearchOptOut = new Hono<AppEnv>();

citizenResearchOptOut.get("/mijn/onderzoek", async (c) => {
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

citizenResearchOptOut.post("/mijn/onderzoek", async (c) => {
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
