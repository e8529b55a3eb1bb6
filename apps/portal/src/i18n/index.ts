import type { Context, MiddlewareHandler } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { en } from "./en";
import { nl } from "./nl";

export type Messages = typeof nl;
export type Lang = "nl" | "en";
export const LANG_COOKIE = "regie_lang";

const MESSAGES: Record<Lang, Messages> = { nl, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

function asLang(v: string | undefined): Lang | undefined {
  return v === "nl" || v === "en" ? v : undefined;
}

/** Language: `?lang=` (remembered in a cookie) > cookie > Dutch. */
export function languageMiddleware(): MiddlewareHandler<{ Variables: { lang: Lang; t: Messages } }> {
  return async (c, next) => {
    const fromQuery = asLang(c.req.query("lang"));
    const lang = fromQuery ?? asLang(getCookie(c, LANG_COOKIE)) ?? "nl";
    if (fromQuery) setCookie(c, LANG_COOKIE, fromQuery, { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: 365 * 24 * 3600 });
    c.set("lang", lang);
    c.set("t", MESSAGES[lang]);
    await next();
  };
}

/** The current URL with another `lang` (for the language switch). */
export function switchLanguageHref(c: Context, to: Lang): string {
  const url = new URL(c.req.url);
  url.searchParams.set("lang", to);
  return url.pathname + url.search;
}
