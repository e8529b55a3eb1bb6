import { Hono } from "hono";
import type { Context } from "hono";
import type { AccessApplication, Dataset } from "@regie/shared/contracts/catalogue";
import { ACCESS_RIGHTS, labelOf } from "@regie/shared/contracts/catalogue";
import { requireUser } from "../auth/guard";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { formValues, type FieldErrors, type FormValues } from "../forms/errors";
import { orderedDataset, Properties } from "../present/dataset-properties";
import { pickLang } from "../present/text";
import { callService, catalogue, catalogueFetch, readService } from "../services/clients";
import { setFlash } from "../session/session";
import { PageError } from "../views/errors";
import { Layout } from "../views/layout";
import { ApplicationDetails, ApplicationForm, applicationProblemErrors, parseApplicationForm } from "./applications";
import { searchPage } from "./search";

export const researcher = new Hono<AppEnv>();

const DATASET_ID = /^[A-Za-z0-9._~:-]{1,200}$/;

function datasetId(c: Context<AppEnv>): string {
  const id = c.req.param("id") ?? "";
  if (!DATASET_ID.test(id)) throw new PageError(404, "notFound");
  return id;
}

/**
 * How to get the data, by access level: a PUBLIC dataset links the download (or access) URLs of its distributions;
 * RESTRICTED and NON_PUBLIC datasets lead to an access application to the HDAB.
 */
function AccessActions(p: { dataset: Dataset; base: string; lang: string; d: Messages["dataset"]; showApply: boolean }) {
  const { dataset, d } = p;
  if (dataset.accessRights === "PUBLIC") {
    const links = dataset.distribution.map((dist, i) => ({ href: dist.downloadURL ?? dist.accessURL, name: pickLang(dist.title, p.lang) || `${d.distribution} ${i + 1}`, format: dist.format }));
    return (
      <section aria-labelledby="access-title" class="access access-public">
        <h2 id="access-title">{d.download}</h2>
        <p>{d.publicHint}</p>
        <ul>
          {links.map((l) => (
            <li>
              <a class="button" href={l.href} rel="noopener">
                {l.name}
                {l.format ? ` (${l.format})` : ""}
              </a>
            </li>
          ))}
        </ul>
      </section>
    );
  }
  return (
    <section aria-labelledby="access-title" class="access access-hdab">
      <h2 id="access-title">{d.apply}</h2>
      <p>{d.hdabHint}</p>
      {p.showApply && (
        <div class="actions">
          <a class="button" href={`${p.base}/aanvragen`}>
            {d.apply}
          </a>
        </div>
      )}
    </section>
  );
}

// ------------------------------------------------------------------ search (open to everyone)

researcher.get("/onderzoek", (c) => searchPage(c));

// ------------------------------------------------------------------ dataset page

researcher.get("/onderzoek/datasets/:id", async (c) => {
  const t = c.get("t");
  const d = t.dataset;
  const lang = c.get("lang");
  const id = datasetId(c);
  const dataset = await readService(c, () => catalogue(c).dataset(id));
  const user = c.get("session").user;
  const base = `/onderzoek/datasets/${encodeURIComponent(dataset.id)}`;
  const api = `${c.env.CATALOGUE_PUBLIC_URL.replace(/\/$/, "")}/v1/datasets/${encodeURIComponent(dataset.id)}`;
  return c.html(
    <Layout c={c} title={pickLang(dataset.title, lang)}>
      <p>
        <a href="/onderzoek">{d.backToSearch}</a>
      </p>
      <h1>{pickLang(dataset.title, lang)}</h1>
      <p class="meta">
        {dataset.publisher ? pickLang(dataset.publisher.name, lang) : dataset.publisherId} · {labelOf(ACCESS_RIGHTS, dataset.accessRights, lang)} · {d.modified(t.date(dataset.modified))}
      </p>
      {pickLang(dataset.description, lang)
        .split(/\n{2,}/)
        .map((para) => (
          <p>{para}</p>
        ))}
      <AccessActions dataset={dataset} base={base} lang={lang} d={d} showApply={!user || user.role === "researcher"} />
      <section aria-labelledby="metadata-title">
        <h2 id="metadata-title">{d.downloadTitle}</h2>
        <ul>
          <li>
            <a href={`${base}/metadata.ttl`} type="text/turtle">{d.turtle}</a>
          </li>
          <li>
            <a href={`${base}/metadata.jsonld`} type="application/ld+json">{d.jsonld}</a>
          </li>
        </ul>
        <p class="hint">{d.apiHint(api)}</p>
      </section>
      <section aria-labelledby="props-title">
        <h2 id="props-title">{d.propertiesTitle}</h2>
        <Properties ctx={{ t, lang }} record={orderedDataset(dataset)} />
      </section>
    </Layout>,
  );
});

/** The dataset's metadata in RDF, as the catalogue serialises it (content negotiation through the binding). */
const RDF_FORMATS = { ttl: "text/turtle", jsonld: "application/ld+json" } as const;
async function metadata(c: Context<AppEnv>, ext: keyof typeof RDF_FORMATS) {
  const id = datasetId(c);
  const type = RDF_FORMATS[ext];
  let res: Response;
  try {
    res = await catalogueFetch(c, `/v1/datasets/${encodeURIComponent(id)}`, { headers: { accept: type } });
  } catch {
    throw new PageError(503, "unavailable");
  }
  if (res.status === 404) throw new PageError(404, "notFound");
  if (!res.ok) throw new PageError(503, "unavailable");
  return new Response(res.body, {
    status: 200,
    headers: { "content-type": res.headers.get("content-type") ?? type, "content-disposition": `inline; filename="${id}.${ext}"`, "x-content-type-options": "nosniff", "content-security-policy": "default-src 'none'; frame-ancestors 'none'" },
  });
}
researcher.get("/onderzoek/datasets/:id/metadata.ttl", (c) => metadata(c, "ttl"));
researcher.get("/onderzoek/datasets/:id/metadata.jsonld", (c) => metadata(c, "jsonld"));

// ------------------------------------------------------------------ access application

researcher.use("/onderzoek/datasets/:id/aanvragen", requireUser("researcher"));
researcher.use("/onderzoek/aanvragen", requireUser("researcher"));
researcher.use("/onderzoek/aanvragen/*", requireUser("researcher"));

function applyPage(c: Context<AppEnv>, dataset: Dataset, values: FormValues, errors: FieldErrors, status: 200 | 400 = 200) {
  const t = c.get("t");
  return c.html(
    <Layout c={c} title={t.application.title}>
      <h1>{t.application.title}</h1>
      <p>{t.application.intro}</p>
      <ApplicationForm c={c} dataset={dataset} values={values} errors={errors} />
    </Layout>,
    status,
  );
}

researcher.get("/onderzoek/datasets/:id/aanvragen", async (c) => {
  const dataset = await readService(c, () => catalogue(c).dataset(datasetId(c)));
  const user = c.get("session").user!;
  return applyPage(c, dataset, { datasetIds: dataset.id, applicantName: user.displayName, applicantOrganisation: user.organisation ?? "" }, {});
});

researcher.post("/onderzoek/datasets/:id/aanvragen", async (c) => {
  const t = c.get("t");
  const dataset = await readService(c, () => catalogue(c).dataset(datasetId(c)));
  const values = formValues(await c.req.parseBody());
  const parsed = parseApplicationForm(t, values);
  if (!parsed.ok) return applyPage(c, dataset, values, parsed.errors, 400);
  const res = await callService(c, () => catalogue(c).applyForAccess(parsed.input));
  if (!res.ok) return applyPage(c, dataset, values, applicationProblemErrors(t, res.problem.problem), 400);
  setFlash(c, { kind: "success", text: t.application.submitted });
  return c.redirect(`/onderzoek/aanvragen/${encodeURIComponent(res.value.id)}`, 303);
});

researcher.get("/onderzoek/aanvragen", async (c) => {
  const t = c.get("t");
  const items = (await readService(c, () => catalogue(c).myApplications())).items.slice().sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  return c.html(
    <Layout c={c} title={t.application.mineTitle}>
      <h1>{t.application.mineTitle}</h1>
      {items.length === 0 ? <p class="empty">{t.application.mineEmpty}</p> : <ApplicationTable c={c} items={items} base="/onderzoek/aanvragen" />}
    </Layout>,
  );
});

researcher.get("/onderzoek/aanvragen/:appId", async (c) => {
  const t = c.get("t");
  const app = await readService(c, () => catalogue(c).application(c.req.param("appId")));
  return c.html(
    <Layout c={c} title={t.application.detailTitle}>
      <p>
        <a href="/onderzoek/aanvragen">{t.application.backToMine}</a>
      </p>
      <h1>{t.application.detailTitle}</h1>
      <ApplicationDetails c={c} app={app} />
    </Layout>,
  );
});

/** A table of applications (researcher's own, or the HDAB's queue). */
export function ApplicationTable({ c, items, base }: { c: Context<AppEnv>; items: AccessApplication[]; base: string }) {
  const t = c.get("t");
  const a = t.application;
  return (
    <table class="data-table">
      <caption class="visually-hidden">{a.mineTitle}</caption>
      <thead>
        <tr>
          <th scope="col">{a.submittedAt}</th>
          <th scope="col">{a.applicantLegend}</th>
          <th scope="col">{a.datasets}</th>
          <th scope="col">{a.status}</th>
          <th scope="col"><span class="visually-hidden">{a.open}</span></th>
        </tr>
      </thead>
      <tbody>
        {items.map((app) => (
          <tr>
            <td>{t.dateTime(app.createdAt)}</td>
            <td>{`${app.applicant.name} (${app.applicant.organisation})`}</td>
            <td>{app.datasetIds.join(", ")}</td>
            <td>
              <span class={`status status-${app.status}`}>{a.statuses[app.status]}</span>
            </td>
            <td>
              <a href={`${base}/${encodeURIComponent(app.id)}`} aria-label={a.openLabel(app.applicant.name, t.dateTime(app.createdAt))}>
                {a.open}
              </a>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
