import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { TitledPage } from "./layout";

export type PageErrorKind = "notFound" | "csrf" | "forbidden" | "unavailable" | "unexpected" | "badRequest";

/** An error a page handler throws; rendered as an HTML page with the status. */
export class PageError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly kind: PageErrorKind,
  ) {
    super(kind);
    this.name = "PageError";
  }
}

/** The path parameter `name`, when it matches `pattern`; otherwise the request ends in the not-found page. */
export function pathParam(c: Context<AppEnv>, pattern: RegExp, name = "id"): string {
  const value = c.req.param(name) ?? "";
  if (!pattern.test(value)) throw new PageError(404, "notFound");
  return value;
}

export function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, kind: PageErrorKind) {
  const t = c.get("t");
  return c.html(
    <TitledPage c={c} title={t.errors.title} intro={t.errors[kind]}>
      <p>
        <a href="/">{t.errors.homeLink}</a>
      </p>
    </TitledPage>,
    status,
  );
}
