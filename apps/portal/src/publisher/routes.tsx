/** The publisher's (data holder's) pages: its harvest sources with their last run, and each source's job history. */
import { Hono } from "hono";
import type { HarvestJob, HarvestSource } from "@regie/shared/contracts/catalogue";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { catalogue, readService } from "../services/clients";
import { PageError } from "../views/errors";
import { Layout } from "../views/layout";

export const publisherPages = new Hono<AppEnv>();
publisherPages.use("/datahouder", requireUser("publisher"));
publisherPages.use("/datahouder/*", requireUser("publisher"));

const SOURCE_ID = /^[A-Za-z0-9._~-]{1,100}$/;
const titleOf = (s: HarvestSource) => s.title ?? s.url;

function JobSummary({ job, p, date }: { job: HarvestJob | null; p: Messages["publisher"]; date: (d: string) => string }) {
  if (!job) return <span>{p.never}</span>;
  return (
    <span>
      {p.statuses[job.status] ?? job.status} · {date(job.startedAt)} · {p.added} {job.added}, {p.updated} {job.updated}, {p.withdrawn} {job.withdrawn},{" "}
      {p.rejected} {job.rejected}
    </span>
  );
}

publisherPages.get("/datahouder", async (c) => {
  const t = c.get("t");
  const p = t.publisher;
  const { items } = await readService(c, () => catalogue(c).harvestSources());
  const date = (d: string) => t.date(d.slice(0, 10));
  return c.html(
    <Layout c={c} title={p.title}>
      <h1>{p.title}</h1>
      <p>{p.intro}</p>
      {items.length === 0 ? (
        <p class="empty">{p.none}</p>
      ) : (
        <table class="harvest-sources">
          <caption>{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{p.source}</th>
              <th scope="col">{p.kind}</th>
              <th scope="col">{p.interval}</th>
              <th scope="col">{p.nextRun}</th>
              <th scope="col">{p.lastJob}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
    </Layout>,
  );
});

publisherPages.get("/datahouder/bronnen/:id", async (c) => {
  const t = c.get("t");
  const p = t.publisher;
  const id = c.req.param("id");
  if (!SOURCE_ID.test(id)) throw new PageError(404, "notFound");
  const client = catalogue(c);
  // the source itself from the list first (a publisher sees only its own; another's id is a 404 like an unknown one,
  // so the catalogue's 403 for another publisher's jobs never says that the id exists)
  const { items } = await readService(c, () => client.harvestSources());
  const source = items.find((s) => s.id === id);
  if (!source) throw new PageError(404, "notFound");
  const jobs = await readService(c, () => client.harvestJobs(id));
  const when = (d: string | null) => (d ? `${t.date(d.slice(0, 10))} ${d.slice(11, 16)}` : p.notFinished);
  return c.html(
    <Layout c={c} title={p.jobsTitle(titleOf(source))}>
      <p>
        <a href="/datahouder">{p.back}</a>
      </p>
      <h1>{p.jobsTitle(titleOf(source))}</h1>
      <p class="hint">{source.url}</p>
      {jobs.items.length === 0 ? (
        <p class="empty">{p.noJobs}</p>
      ) : (
        <table class="harvest-jobs">
          <caption>{p.jobsCaption}</caption>
          <thead>
            <tr>
              {[p.started, p.finished, p.status, p.added, p.updated, p.withdrawn, p.rejected].map((h) => (
                <th scope="col">{h}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {jobs.items.map((j) => (
              <tr>
                <th scope="row">{when(j.startedAt)}</th>
                <td>{when(j.finishedAt)}</td>
                <td>{p.statuses[j.status] ?? j.status}</td>
                <td>{j.added}</td>
                <td>{j.updated}</td>
                <td>{j.withdrawn}</td>
                <td>{j.rejected}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {jobs.items.some((j) => j.rejections.length > 0 || j.error) && (
        <section aria-labelledby="rejections-title">
          <h2 id="rejections-title">{p.rejectionsTitle}</h2>
          <ul>
            {jobs.items.flatMap((j) => [
              ...(j.error ? [<li>{`${when(j.startedAt)} · ${p.error}: ${j.error}`}</li>] : []),
              ...j.rejections.map((r) => (
                <li>
                  {`${when(j.startedAt)} · ${r.iri}`}
                  <ul>
                    {r.violations.map((v) => (
                      <li>{v.message}</li>
                    ))}
                  </ul>
                </li>
              )),
            ])}
          </ul>
        </section>
      )}
    </Layout>,
  );
});
