import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../env";
import { switchLanguageHref } from "../i18n";
import { takeFlash } from "../session/session";
import { CsrfField } from "./form";

interface LayoutProps {
  c: Context<AppEnv>;
  title: string;
  /** extra elements in <head> (alternate links, structured data) */
  head?: Child;
  children?: Child;
}

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
              <NavLink href="/" current={path}>
                {t.nav.home}
              </NavLink>
              {(!user || user.role === "citizen") && (
                <NavLink href="/mijn" current={path}>
                  {t.nav.citizen}
                </NavLink>
              )}
              <NavLink href="/onderzoek" current={path}>
                {t.nav.research}
              </NavLink>
              {user?.role === "researcher" && (
                <NavLink href="/onderzoek/aanvragen" current={path}>
                  {t.nav.applications}
                </NavLink>
              )}
              {user?.role === "hdab" && (
                <NavLink href="/hdab" current={path}>
                  {t.nav.hdab}
                </NavLink>
              )}
              {user?.role === "publisher" && (
                <NavLink href="/datahouder" current={path}>
                  {t.nav.publisher}
                </NavLink>
              )}
              <NavLink href="/register" current={path}>
                {t.nav.register}
              </NavLink>
              <NavLink href="/zorgaanbieders" current={path}>
                {t.nav.providers}
              </NavLink>
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
