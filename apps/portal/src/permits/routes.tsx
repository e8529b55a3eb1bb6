/** The public register of data permits and answered data requests, and one permit as a printable page (no login). */
import { Hono } from "hono";
import type { AppEnv } from "../env";
import { catalogue, readService } from "../services/clients";
import { pathParam } from "../views/errors";
import { Layout, TitledPage } from "../views/layout";
import { DatasetLinks } from "../present/dataset-links";
import { KindLabel, purposeLabel, RegisterTable } from "./register-table";

export const permitPages = new Hono<AppEnv>();
const PERMIT_ID = /^EHDS-NL-\d{4}-[0-9A-F]{8}$/;

permitPages.get("/register", async (c) => {
  const t = c.get("t");
  const e = t.ehds;
  const { items } = await readService(c, () => catalogue(c).permits({ limit: 100 }));
  return c.html(
    <TitledPage c={c} title={e.registerTitle} intro={e.registerIntro}>
      <RegisterTable c={c} items={items} />
    </TitledPage>,
  );
});

permitPages.get("/vergunningen/:id", async (c) => {
  const p = await readService(c, () => catalogue(c).permit(pathParam(c, PERMIT_ID)));
  const t = c.get("t");
  const e = t.ehds;
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
              <DatasetLinks ids={p.datasetIds} />
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
