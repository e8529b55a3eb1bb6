import { Hono } from "hono";
import type { AppEnv } from "../env";
import { Layout } from "./layout";

export const home = new Hono<AppEnv>();

home.get("/", (c) => {
  const t = c.get("t");
  return c.html(
    <Layout c={c} title={t.home.title}>
      <h1>{t.home.title}</h1>
      <p class="lead">{t.home.intro}</p>
      <div class="cards">
        <section class="card" aria-labelledby="h-citizen">
          <h2 id="h-citizen">{t.home.citizenTitle}</h2>
          <p>{t.home.citizenText}</p>
          <p>
            <a href="/mijn">{t.home.citizenLink}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-research">
          <h2 id="h-research">{t.home.researchTitle}</h2>
          <p>{t.home.researchText}</p>
          <p>
            <a href="/onderzoek">{t.home.researchLink}</a>
          </p>
        </section>
        <section class="card" aria-labelledby="h-provider">
          <h2 id="h-provider">{t.home.providerTitle}</h2>
          <p>{t.home.providerText}</p>
          <p>
            <a href="/zorgaanbieders">{t.home.providerLink}</a>
          </p>
        </section>
      </div>
    </Layout>,
  );
});
