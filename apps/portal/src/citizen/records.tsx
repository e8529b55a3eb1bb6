/** What was asked and recorded about the citizen: the access log (inzage), notifications and history. Mounted by ./routes.tsx behind its login check. */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { describeChoice } from "../present/choice-sentence";
import { describeLogEntry } from "../present/access-log";
import { consent, readService } from "../services/clients";
import { acting } from "./context";
import { CitizenPage } from "./views";
import { ro, childName } from "./page-helpers";
import { choiceUras, namesFor, orgLabel } from "./names";

export const citizenRecords = new Hono<AppEnv>();

citizenRecords.get("/mijn/inzage", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const entries = (await readService(c, () => consent(c).accessLog(ro(a)))).items.slice().sort((x, y) => y.seq - x.seq);
  const names = await namesFor(
    c,
    entries.flatMap((e) => [e.actor.ura, e.holderUra]),
  );
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
              const d = describeLogEntry(t, e, names);
              return (
                <tr>
                  <td>{t.dateTime(e.at)}</td>
                  <td>
                    {d.who}
                    {d.detail && <span class="meta"> · {d.detail}</span>}
                  </td>
                  <td>
                    {d.what}
                    {(e.temporaryConsent ?? e.emergency) && <strong class="badge badge-warning">{t.citizen.emergency}</strong>}
                    {e.breakTheGlass && <strong class="badge badge-warning">{t.citizen.breakTheGlass}</strong>}
                    {e.breakTheGlass && e.emergencyReason && <span class="meta"> · {t.citizen.breakTheGlassReason(e.emergencyReason)}</span>}
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

citizenRecords.get("/mijn/berichten", async (c) => {
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

citizenRecords.get("/mijn/geschiedenis", async (c) => {
  const t = c.get("t");
  const a = await acting(c);
  const items = (await readService(c, () => consent(c).history(ro(a)))).items
    .slice()
    .sort((x, y) => y.updatedAt.localeCompare(x.updatedAt) || y.version - x.version);
  const names = await namesFor(c, items.flatMap(choiceUras));
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
                {v.recordedBy.ura ? ` (${orgLabel(t, v.recordedBy.ura, names) ?? t.accessLog.uraDetail(v.recordedBy.ura)})` : ""}
              </p>
              <p>{describeChoice(t, v, childName(a), names)}</p>
            </li>
          ))}
        </ul>
      )}
    </CitizenPage>,
  );
});

// ------------------------------------------------------------------ secondary use (EHDS opt-out)
