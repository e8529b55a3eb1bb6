import type { Context, MiddlewareHandler } from "hono";
import { setCookie } from "hono/cookie";
import { detectFromQuery, languageDetector } from "hono/language";
import type { DetectorOptions } from "hono/language";
import { en } from "./en";
import { nl } from "./nl";

export type Messages = typeof nl;
export type Lang = "nl" | "en";
export const LANG_COOKIE = "regie_lang";

const MESSAGES: Record<Lang, Messages> = { nl, en };

export function messages(lang: Lang): Messages {
  return MESSAGES[lang];
}

/**
 * hono's language detector: `?lang=` > the regie_lang cookie > Accept-Language > Dutch. Only a `?lang=` choice
 * is remembered (in the cookie, for a year); a language found in the cookie or the header sets nothing.
 */
const DETECTOR: DetectorOptions = {
  order: ["querystring", "cookie", "header"],
  lookupQueryString: "lang",
  lookupCookie: LANG_COOKIE,
  lookupFromPathIndex: 0,
  lookupFromHeaderKey: "accept-language",
  caches: false,
  ignoreCase: true,
  supportedLanguages: ["nl", "en"],
  fallbackLanguage: "nl",
};
const COOKIE_OPTIONS = { httpOnly: true, secure: true, sameSite: "Lax", path: "/", maxAge: 365 * 24 * 3600 } as const;
const detect = languageDetector(DETECTOR);

/** Sets `lang` and its messages `t` for the request, and remembers a `?lang=` choice. */
export function languageMiddleware(): MiddlewareHandler<{ Variables: { lang: Lang; t: Messages; language: string } }> {
  return async (c, next) => {
    await detect(c, async () => {});
    const lang = c.get("language") as Lang;
    const fromQuery = detectFromQuery(c, DETECTOR);
    if (fromQuery) setCookie(c, LANG_COOKIE, fromQuery, COOKIE_OPTIONS);
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
