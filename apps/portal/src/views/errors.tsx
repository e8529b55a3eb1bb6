import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { AppEnv } from "../env";
import { Layout } from "./layout";

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

export function renderError(c: Context<AppEnv>, status: ContentfulStatusCode, kind: PageErrorKind) {
  const t = c.get("t");
  return c.html(
    <Layout c={c} title={t.errors.title}>
      <h1>{t.errors.title}</h1>
      <p>{t.errors[kind]}</p>
      <p>
        <a href="/">{t.errors.homeLink}</a>
      </p>
    </Layout>,
    status,
  );
}
