import { Hono } from "hono";
import type { AppEnv } from "../env";
import { Layout } from "../views/layout";

export const providerInfo = new Hono<AppEnv>();

/** The provider information page: what the APIs do and where their reference lives. */
providerInfo.get("/zorgaanbieders", (c) => {
  const t = c.get("t");
  const consent = c.env.CONSENT_PUBLIC_URL.replace(/\/$/, "");
  const catalogue = c.env.CATALOGUE_PUBLIC_URL.replace(/\/$/, "");
  return c.html(
    <Layout c={c} title={t.providers.title}>
      <h1>{t.providers.title}</h1>
      <p>{t.providers.intro}</p>
      <section aria-labelledby="api-consent">
        <h2 id="api-consent">{t.providers.consentTitle}</h2>
        <p>{t.providers.consentText}</p>
        <ul>
          <li>
            <a href={`${consent}/docs`}>{t.providers.docsLink(`${consent}/docs`)}</a>
          </li>
          <li>
            <a href={`${consent}/openapi.json`}>{t.providers.openapiLink(`${consent}/openapi.json`)}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="api-catalogue">
        <h2 id="api-catalogue">{t.providers.catalogueTitle}</h2>
        <p>{t.providers.catalogueText}</p>
        <ul>
          <li>
            <a href={`${catalogue}/docs`}>{t.providers.docsLink(`${catalogue}/docs`)}</a>
          </li>
          <li>
            <a href={`${catalogue}/openapi.json`}>{t.providers.openapiLink(`${catalogue}/openapi.json`)}</a>
          </li>
        </ul>
      </section>
      <section aria-labelledby="api-auth">
        <h2 id="api-auth">{t.providers.authTitle}</h2>
        <p>{t.providers.authText}</p>
        {c.get("mode") === "development" && <p>{t.providers.devToken}</p>}
      </section>
    </Layout>,
  );
});
