/** The publisher's (data holder's) pages: its harvest sources with their last run, and each source's job history. */
import { sectionFor } from "../auth/guard";
import { catalogue, readService } from "../services/clients";
import { PageError, pathParam } from "../views/errors";
import { Layout, TitledPage } from "../views/layout";
import { DataTable, OrEmpty } from "../views/table";
import { SourcesTable, titleOf } from "./sources-table";

export const publisherPages = sectionFor("publisher", "/datahouder");

const SOURCE_ID = /^[A-Za-z0-9._~-]{1,100}$/;
publisherPages.get("/datahouder", async (c) => {
  const t = c.get("t");
  const p = t.publisher;
  const { items } = await readService(c, () => catalogue(c).harvestSources());
  return c.html(
    <TitledPage c={c} title={p.title} intro={p.intro}>
      <SourcesTable c={c} items={items} />
    </TitledPage>,
  );
});

publisherPages.get("/datahouder/bronnen/:id", async (c) => {
  const id = pathParam(c, SOURCE_ID);
  const t = c.get("t");
  const p = t.publisher;
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
      <OrEmpty empty={jobs.items.length === 0} text={p.noJobs}>
        <DataTable class="harvest-jobs" caption={p.jobsCaption} headers={[p.started, p.finished, p.status, p.added, p.updated, p.withdrawn, p.rejected]}>
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
        </DataTable>
      </OrEmpty>
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
