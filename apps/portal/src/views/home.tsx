import { Hono } from "hono";
import type { AppEnv } from "../env";
import { TitledPage } from "./layout";

export const home = new Hono<AppEnv>();

/** The home page's cards: each card's messages (`<key>Title`, `…Text`, `…Link`) and where it leads. */
const CARDS = [
  { key: "citizen", href: "/mijn" },
  { key: "research", href: "/onderzoek" },
  { key: "provider", href: "/zorgaanbieders" },
] as const;

home.get("/", (c) => {
  const t = c.get("t");
  return c.html(
    <TitledPage c={c} title={t.home.title}>
      <p class="lead">{t.home.intro}</p>
      <div class="cards">
        {CARDS.map((card) => (
          <section class="card" aria-labelledby={`h-${card.key}`}>
            <h2 id={`h-${card.key}`}>{t.home[`${card.key}Title`]}</h2>
            <p>{t.home[`${card.key}Text`]}</p>
            <p>
              <a href={card.href}>{t.home[`${card.key}Link`]}</a>
            </p>
          </section>
        ))}
      </div>
    </TitledPage>,
  );
});
