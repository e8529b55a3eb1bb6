import { Hono } from "hono";
import type { Context } from "hono";
import { ACCESS_RIGHTS, labelOf } from "@regie/shared/contracts/catalogue";
import type { Dataset } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { orderedDataset, Properties } from "../present/dataset-properties";
import { schemaOrgDataset, scriptSafeJson } from "../present/schema-org";
import { pickLang } from "../present/text";
import { catalogue, catalogueFetch, readService } from "../services/clients";
import { PageError, pathParam } from "../views/errors";
import { Layout } from "../views/layout";
import { QualitySection } from "./dataset-quality";
import { searchPage } from "./search";

export const researcher = new Hono<AppEnv>();

const DATASET_ID = /^[A-Za-z0-9._~:-]{1,200}$/;

const datasetId = (c: Context<AppEnv>) => pathParam(c, DATASET_ID);

/**
 * How to get the data, by access level: a PUBLIC dataset links the download (or access) URLs of its distributions;
 * RESTRICTED and NON_PUBLIC datasets lead to an access application to the HDAB.
 */
function AccessActions(p: { dataset: Dataset; base: string; lang: string; d: Messages["dataset"]; showApply: boolean }) {
  const { dataset, d } = p;
  if (dataset.accessRights === "PUBLIC") {
    const links = dataset.distribution.map((dist, i) => ({
      href: dist.downloadURL ?? dist.accessURL,
      name: pickLang(dist.title, p.lang) || `${d.distribution} ${i + 1}`,
      format: dist.format,
    }));
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
  // the quality details are a part of the page, not a condition for it: without them the page still shows
  const [dataset, quality] = await Promise.all([
    readService(c, () => catalogue(c).dataset(id)),
    catalogue(c)
      .datasetQuality(id)
      .catch(() => null),
  ]);
  const user = c.get("session").user;
  const base = `/onderzoek/datasets/${encodeURIComponent(dataset.id)}`;
  const api = `${c.env.CATALOGUE_PUBLIC_URL.replace(/\/$/, "")}/v1/datasets/${encodeURIComponent(dataset.id)}`;
  const head = (
    <>
      {(Object.keys(RDF_FORMATS) as (keyof typeof RDF_FORMATS)[]).map((ext) => (
        <link rel="alternate" type={RDF_FORMATS[ext]} href={`${base}/metadata.${ext}`} />
      ))}
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: scriptSafeJson(schemaOrgDataset(dataset, new URL(base, c.req.url).href, lang)) }} />
    </>
  );
  return c.html(
    <Layout c={c} title={pickLang(dataset.title, lang)} head={head}>
      <p>
        <a href="/onderzoek">{d.backToSearch}</a>
      </p>
      <h1>{pickLang(dataset.title, lang)}</h1>
      <p class="meta">
        {dataset.publisher ? pickLang(dataset.publisher.name, lang) : dataset.publisherId} · {labelOf(ACCESS_RIGHTS, dataset.accessRights, lang)} ·{" "}
        {d.modified(t.date(dataset.modified))}
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
            <a href={`${base}/metadata.ttl`} type="text/turtle">
              {d.turtle}
            </a>
          </li>
          <li>
            <a href={`${base}/metadata.jsonld`} type="application/ld+json">
              {d.jsonld}
            </a>
          </li>
          <li>
            <a href={`${base}/metadata.rdf`} type="application/rdf+xml">
              {d.rdfxml}
            </a>
          </li>
        </ul>
        <p class="hint">{d.apiHint(api)}</p>
      </section>
      {quality && <QualitySection q={quality} t={t} />}
      <section aria-labelledby="props-title">
        <h2 id="props-title">{d.propertiesTitle}</h2>
        <Properties ctx={{ t, lang }} record={orderedDataset(dataset)} />
      </section>
    </Layout>,
  );
});

/** The dataset's metadata in RDF, as the catalogue serialises it (content negotiation through the binding). */
const RDF_FORMATS = { ttl: "text/turtle", jsonld: "application/ld+json", rdf: "application/rdf+xml" } as const;
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
    headers: {
      "content-type": res.headers.get("content-type") ?? type,
      "content-disposition": `inline; filename="${id}.${ext}"`,
      "x-content-type-options": "nosniff",
      "content-security-policy": "default-src 'none'; frame-ancestors 'none'",
    },
  });
}
researcher.get("/onderzoek/datasets/:id/metadata.ttl", (c) => metadata(c, "ttl"));
researcher.get("/onderzoek/datasets/:id/metadata.jsonld", (c) => metadata(c, "jsonld"));
researcher.get("/onderzoek/datasets/:id/metadata.rdf", (c) => metadata(c, "rdf"));
