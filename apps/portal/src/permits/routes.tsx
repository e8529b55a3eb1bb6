/** The public register of data permits and answered data requests, and one permit as a printable page (no login). */
import { Hono } from "hono";
import type { Context } from "hono";
import { EHDS_PURPOSES, type Permit } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { catalogue, readService } from "../services/clients";
import { PageError } from "../views/errors";
import { Layout } from "../views/layout";

export const permitPages = new Hono<AppEnv>();
const PERMIT_ID = /^EHDS-NL-\d{4}-[0-9A-F]{8}$/;

function purposeLabel(c: Context<AppEnv>, code: string) {
  const p = EHDS_PURPOSES.find((x) => x.code === code);
  return p ? p[c.get("lang")] : code;
}

function KindLabel({ c, p }: { c: Context<AppEnv>; p: Permit }) {
  const e = c.get("t").ehds;
  return <>{p.kind === "data_request" ? e.answeredRequest : e.permitTitle}</>;
}

permitPages.get("/register", async (c) => {
  const t = c.get("t");
  const e = t.ehds;
  const { items } = await readService(c, () => catalogue(c).permits({ limit: 100 }));
  return c.html(
    <Layout c={c} title={e.registerTitle}>
      <h1>{e.registerTitle}</h1>
      <p>{e.registerIntro}</p>
      {items.length === 0 ? (
        <p class="empty">{e.registerEmpty}</p>
      ) : (
        <table class="data-table">
          <caption class="visually-hidden">{e.registerTitle}</caption>
          <thead>
            <tr>
              <th scope="col">{e.permitId}</th>
              <th scope="col">{e.kindColumn}</th>
              <th scope="col">{e.organisation}</th>
              <th scope="col">{t.application.purpose}</th>
              <th scope="col">{t.application.datasets}</th>
              <th scope="col">{e.validity}</th>
            </tr>
          </thead>
          <tbody>
            {items.map((p) => (
              <tr>
                <td>
                  <a href={`/vergunningen/${encodeURIComponent(p.id)}`}>{p.id}</a>
                </td>
                <td>
                  <KindLabel c={c} p={p} />
                </td>
                <td>{p.organisation}</td>
                <td>{purposeLabel(c, p.purpose)}</td>
                <td>{p.datasetIds.join(", ")}</td>
                <td>
                  {e.validFromTo(t.date(p.startDate), t.date(p.endDate))}{" "}
                  <span class={`status status-${p.status === "active" ? "approved" : "rejected"}`}>{e.permitStatus[p.status]}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Layout>,
  );
});

permitPages.get("/vergunningen/:id", async (c) => {
  const t = c.get("t");
  const e = t.ehds;
  const id = c.req.param("id");
  if (!PERMIT_ID.test(id)) throw new PageError(404, "notFound");
  const p = await readService(c, () => catalogue(c).permit(id));
  return c.html(
    <Layout c={c} title={`${e.permitId} ${p.id}`}>
      <p class="no-print">
        <a href="/register">{e.backToRegister}</a>
      </p>
      <article class="permit" aria-labelledby="permit-title">
        <h1 id="permit-title">
          <KindLabel c={c} p={p} /> {p.id}
        </h1>
        <p>
          <span class={`status status-${p.status === "active" ? "approved" : "rejected"}`}>{e.permitStatus[p.status]}</span>
        </p>
        {p.status === "expired" && (
          <p class="status-box status-off" role="note">
            {e.permitExpiredNotice}
          </p>
        )}
        <dl class="props">
          <div class="prop">
            <dt>{e.organisation}</dt>
            <dd>{p.organisation}</dd>
          </div>
          <div class="prop">
            <dt>{t.application.datasets}</dt>
            <dd>
              {p.datasetIds.map((d, i) => (
                <>
                  {i > 0 && ", "}
                  <a href={`/onderzoek/datasets/${encodeURIComponent(d)}`}>{d}</a>
                </>
              ))}
            </dd>
          </div>
          <div class="prop">
            <dt>{t.application.purpose}</dt>
            <dd>{purposeLabel(c, p.purpose)}</dd>
          </div>
          <div class="prop">
            <dt>{t.application.purposeDescription}</dt>
            <dd>{p.purposeDescription}</dd>
          </div>
          {p.dataForm && (
            <div class="prop">
              <dt>{t.application.dataForm}</dt>
              <dd>{p.dataForm === "pseudonymised" ? t.application.pseudonymised : t.application.anonymised}</dd>
            </div>
          )}
          {p.processingEnvironment && (
            <div class="prop">
              <dt>{e.processingEnvironment}</dt>
              <dd>{p.processingEnvironment}</dd>
            </div>
          )}
          <div class="prop">
            <dt>{e.issued}</dt>
            <dd>{t.dateTime(p.issuedAt)}</dd>
          </div>
          <div class="prop">
            <dt>{e.validity}</dt>
            <dd>{e.validFromTo(t.date(p.startDate), t.date(p.endDate))}</dd>
          </div>
          <div class="prop">
            <dt>{e.conditions}</dt>
            <dd>
              {p.conditions.length ? (
                <ol>
                  {p.conditions.map((x) => (
                    <li>{x}</li>
                  ))}
                </ol>
              ) : (
                e.noConditions
              )}
            </dd>
          </div>
        </dl>
      </article>
      <p class="no-print">
        <button type="button" class="button button-secondary" data-print>
          {e.print}
        </button>
      </p>
    </Layout>,
  );
});
