import type { Context } from "hono";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { DeadlineCell } from "../present/deadline";
import { DataTable } from "../views/table";

/** A table of applications (the researcher's own and shared ones, or the HDAB's queue with deadlines). */
export function ApplicationTable({ c, items, base, caption }: { c: Context<AppEnv>; items: AccessApplication[]; base: string; caption: string }) {
  const t = c.get("t");
  const a = t.application;
  return (
    <DataTable
      class="data-table"
      caption={caption}
      captionClass="visually-hidden"
      headers={[a.submittedAt, a.applicantLegend, t.ehds.kindColumn, a.status, t.ehds.deadlineColumn, <span class="visually-hidden">{a.open}</span>]}
    >
      {items.map((app) => (
        <tr>
          <td>{app.submittedAt ? t.dateTime(app.submittedAt) : "—"}</td>
          <td>{[app.applicant.name, app.applicant.organisation && `(${app.applicant.organisation})`].filter(Boolean).join(" ") || "—"}</td>
          <td>{t.ehds.kindShort[app.kind]}</td>
          <td>
            <span class={`status status-${app.status}`}>{a.statuses[app.status]}</span>
          </td>
          <DeadlineCell c={c} deadline={app.deadline} />
          <td>
            <a href={`${base}/${encodeURIComponent(app.id)}`} aria-label={a.openLabel(app.applicant.name ?? app.id, t.dateTime(app.createdAt))}>
              {a.open}
            </a>
          </td>
        </tr>
      ))}
    </DataTable>
  );
}
