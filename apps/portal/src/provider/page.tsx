import { Hono } from "hono";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { TitledPage } from "../views/layout";

export const providerInfo = new Hono<AppEnv>();

/** One service's API: what it does, and links to its reference documentation and OpenAPI document. */
function ApiSection({ id, title, text, base, t }: { id: string; title: string; text: string; base: string; t: Messages }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <p>{text}</p>
      <ul>
        <li>
          <a href={`${base}/docs`}>{t.providers.docsLink(`${base}/docs`)}</a>
        </li>
        <li>
          <a href={`${base}/openapi.json`}>{t.providers.openapiLink(`${base}/openapi.json`)}</a>
        </li>
      </ul>
    </section>
  );
}

/** The provider information page: what the APIs do and where their reference lives. */
providerInfo.get("/zorgaanbieders", (c) => {
  const t = c.get("t");
  const consent = c.env.CONSENT_PUBLIC_URL.replace(/\/$/, "");
  const catalogue = c.env.CATALOGUE_PUBLIC_URL.replace(/\/$/, "");
  return c.html(
    <TitledPage c={c} title={t.providers.title} intro={t.providers.intro}>
      <ApiSection id="api-consent" title={t.providers.consentTitle} text={t.providers.consentText} base={consent} t={t} />
      <ApiSection id="api-catalogue" title={t.providers.catalogueTitle} text={t.providers.catalogueText} base={catalogue} t={t} />
      <section aria-labelledby="api-auth">
        <h2 id="api-auth">{t.providers.authTitle}</h2>
        <p>{t.providers.authText}</p>
        {c.get("mode") === "development" && <p>{t.providers.devToken}</p>}
      </section>
    </TitledPage>,
  );
});
