/** GET /v1/vocabularies: the controlled vocabularies with Dutch and English labels (for forms and facet labels). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import {
  ACCESS_RIGHTS,
  DATA_THEMES,
  EHDS_PURPOSES,
  FILE_TYPES,
  HEALTH_CATEGORIES,
  HEALTH_THEMES,
  LANGUAGES,
  Vocabularies,
} from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";
import { publicSearch } from "./common";

export function vocabularyRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(publicSearch.get("/v1/vocabularies", "Controlled vocabularies (codes, labels, IRIs)").ok(Vocabularies, "By name"), (c) => {
    const withIri = (v: typeof DATA_THEMES) => v.terms.map((t) => ({ ...t, iri: v.namespace + t.code }));
    c.header("cache-control", "public, max-age=3600");
    return c.json(
      {
        theme: withIri(DATA_THEMES),
        accessRights: withIri(ACCESS_RIGHTS),
        healthCategory: withIri(HEALTH_CATEGORIES),
        healthTheme: withIri(HEALTH_THEMES),
        format: withIri(FILE_TYPES),
        language: withIri(LANGUAGES),
        purpose: EHDS_PURPOSES.map((p) => ({ ...p })),
      },
      200,
    );
  });
}
