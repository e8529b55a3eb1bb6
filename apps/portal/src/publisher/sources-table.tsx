/** The publisher's table of harvest sources, each with its schedule and last run. */
import type { Context } from "hono";
import type { HarvestJob, HarvestSource } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { DataTable, OrEmpty } from "../views/table";

/** What a source is called: its title, or its address. */
export const titleOf = (s: HarvestSource) => s.title ?? s.url;

function JobSummary({ job, p, date }: { job: HarvestJob | null; p: Messages["publisher"]; date: (d: string) => string }) {
  if (!job) return <span>{p.never}</span>;
  return (
    <span>
      {p.statuses[job.status] ?? job.status} · {date(job.startedAt)} · {p.added} {job.added}, {p.updated} {job.updated}, {p.withdrawn} {job.withdrawn},{" "}
      {p.rejected} {job.rejected}
    </span>
  );
}

/** The publisher's harvest sources with their schedule and last run, or a line saying there are none. */
export function SourcesTable({ c, items }: { c: Context<AppEnv>; items: HarvestSource[] }) {
  const t = c.get("t");
  const p = t.publisher;
  const date = (d: string) => t.date(d.slice(0, 10));
  return (
    <OrEmpty empty={items.length === 0} text={p.none}>
      <DataTable class="harvest-sources" caption={p.caption} headers={[p.source, p.kind, p.interval, p.nextRun, p.lastJob]}>
        {items.map((s) => (
          <tr>
            <th scope="row">
              <a href={`/datahouder/bronnen/${encodeURIComponent(s.id)}`} aria-label={p.jobsLink(titleOf(s))}>
                {titleOf(s)}
              </a>
              <br />
              <span class="hint">{s.url}</span>
            </th>
            <td>{p.kinds[s.kind] ?? s.kind}</td>
            <td>{p.minutes(s.intervalMinutes)}</td>
            <td>{date(s.nextRunAt)}</td>
            <td>
              <JobSummary job={s.lastJob} p={p} date={date} />
            </td>
          </tr>
        ))}
      </DataTable>
    </OrEmpty>
  );
}
