/** What was asked and recorded about the citizen: the access log (inzage), notifications and history. Mounted by ./routes.tsx behind its login check. */
import { Hono } from "hono";
import type { AccessLogEntry } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { describeChoice } from "../present/choice-sentence";
import { describeLogEntry } from "../present/access-log";
import { consent, readService } from "../services/clients";
import { acting } from "./context";
import { DataTable, OrEmpty, Timeline } from "../views/table";
import { CitizenPage } from "./views";
import { ro, childName } from "./page-helpers";
import { choiceUras, namesFor, orgLabel, type OrgNames } from "./names";

export const citizenRecords = new Hono<AppEnv>();

/** The access log, newest first: who asked or did what, and the answer; or a line saying nobody has. */
function AccessLogTable({ t, entries, names }: { t: Messages; entries: AccessLogEntry[]; names: OrgNames }) {
  return (
    <OrEmpty empty={entries.length === 0} text={t.citizen.accessLogEmpty}>
      <DataTable
        class="data-table"
        caption={t.citizen.accessLogTitle}
        captionClass="visually-hidden"
        headers={[t.citizen.when, t.citizen.who, t.citizen.what, t.citizen.outcome]}
      >
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
      </DataTable>
    </OrEmpty>
  );
}

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
      <AccessLogTable t={t} entries={entries} names={names} />
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
      <Timeline
        emptyText={t.citizen.notificationsEmpty}
        items={items.map((n) => ({ meta: t.dateTime(n.createdAt), text: t.citizen.notificationKinds[n.kind] ?? n.message }))}
      />
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
      <Timeline
        emptyText={t.citizen.historyEmpty}
        items={items.map((v) => ({
          meta: (
            <>
              {t.dateTime(v.updatedAt)} · {t.citizen.changeKinds[v.change]} · {t.citizen.recordedBy[v.recordedBy.role]}
              {v.recordedBy.ura ? ` (${orgLabel(t, v.recordedBy.ura, names) ?? t.accessLog.uraDetail(v.recordedBy.ura)})` : ""}
            </>
          ),
          text: describeChoice(t, v, childName(a), names),
        }))}
      />
    </CitizenPage>,
  );
});

// ------------------------------------------------------------------ secondary use (EHDS opt-out)
