import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../env";
import { switchLanguageHref } from "../i18n";
import type { Messages } from "../i18n";
import { takeFlash, type SessionUser } from "../session/session";
import { CsrfField } from "./form";

interface LayoutProps {
  c: Context<AppEnv>;
  title: string;
  /** extra elements in <head> (alternate links, structured data) */
  head?: Child;
  children?: Child;
}

/** The main menu: every item, and for whom it is shown (everyone when `shown` is left out). */
const NAV: { href: string; label: keyof Messages["nav"]; shown?: (user: SessionUser | undefined) => boolean }[] = [
  { href: "/", label: "home" },
  { href: "/mijn", label: "citizen", shown: (user) => !user || user.role === "citizen" },
  { href: "/onderzoek", label: "research" },
  { href: "/onderzoek/aanvragen", label: "applications", shown: (user) => user?.role === "researcher" },
  { href: "/hdab", label: "hdab", shown: (user) => user?.role === "hdab" },
  { href: "/datahouder", label: "publisher", shown: (user) => user?.role === "publisher" },
  { href: "/register", label: "register" },
  { href: "/zorgaanbieders", label: "providers" },
];

function NavLink({ href, current, children }: { href: string; current: string; children: Child }) {
  const active = current === href || (href !== "/" && current.startsWith(href + "/"));
  return (
    <li>
      <a href={href} aria-current={active ? "page" : undefined}>
        {children}
      </a>
    </li>
  );
}

/** Every page: landmarks, skip link, language switch, one h1 (in the page), footer. */
export function Layout({ c, title, head, children }: LayoutProps) {
  const t = c.get("t");
  const lang = c.get("lang");
  const user = c.get("session").user;
  const flash = takeFlash(c);
  const path = new URL(c.req.url).pathname;
  const other = lang === "nl" ? "en" : "nl";
  return (
    <html lang={lang}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · ${t.siteName}`}</title>
        <link rel="stylesheet" href="/assets/portal.css" />
        <script src="/assets/portal.js" defer></script>
        {head}
      </head>
      <body>
        <a class="skip-link" href="#content">
          {t.skipLink}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href="/">
              <span class="brand-name">{t.siteName}</span>
              <span class="brand-tagline">{t.tagline}</span>
            </a>
            <div class="header-tools">
              <a href={switchLanguageHref(c, other)} hreflang={other} lang={other} aria-label={t.languageSwitchLabel}>
                {t.languageSwitch}
              </a>
              {user ? (
                <form method="post" action="/uitloggen" class="inline-form">
                  <CsrfField c={c} />
                  <span class="who">{t.loggedInAs(user.displayName)}</span>{" "}
                  <button type="submit" class="link-button">
                    {t.logout}
                  </button>
                </form>
              ) : (
                <a href="/inloggen">{t.loginLink}</a>
              )}
            </div>
          </div>
          <nav aria-label={t.mainNav} class="main-nav">
            <ul class="wrap">
              {NAV.filter((item) => item.shown?.(user) ?? true).map((item) => (
                <NavLink href={item.href} current={path}>
                  {t.nav[item.label]}
                </NavLink>
              ))}
            </ul>
          </nav>
        </header>
        <main id="content" class="wrap" tabindex={-1}>
          {flash && (
            <div class={`flash flash-${flash.kind}`} role={flash.kind === "error" ? "alert" : "status"}>
              <p>{flash.text}</p>
            </div>
          )}
          {children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t.footer}</p>
          </div>
        </footer>
      </body>
    </html>
  );
}

/** A page whose one heading is its title, with the paragraph that introduces it when there is one. */
export function TitledPage({ c, title, head, intro, children }: LayoutProps & { intro?: Child }) {
  return (
    <Layout c={c} title={title} head={head}>
      <h1>{title}</h1>
      {intro !== undefined && <p>{intro}</p>}
      {children}
    </Layout>
  );
}
