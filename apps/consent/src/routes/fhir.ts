/** FHIR R4: GET /fhir/Consent?patient=<bsn> -> a searchset Bundle of Consent resources. */
import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, BSN_MESSAGE, BSN_SYSTEM, isValidBsn, pseudonymise, problemResponses, requireRole } from "@regie/shared";
import { FhirBundle, FhirConsentQuery } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { toFhirBundle } from "../fhir/consent-resource";
import { isGuardian } from "../storage/directory";
import { callShard, shardStub, unwrap } from "../storage/shards";
import { BEARER, providerActor } from "./common";

function bsnFromParam(value: string): string {
  const bsn = value.startsWith(BSN_SYSTEM + "|") ? value.slice(BSN_SYSTEM.length + 1) : value;
  if (!isValidBsn(bsn)) throw new ApiError("VALIDATION_FAILED", BSN_MESSAGE, { errors: [{ path: "/query/patient", message: BSN_MESSAGE }] });
  return bsn;
}

export function fhirRoutes() {
  const app = new OpenAPIHono<AppEnv>();
  app.openapi(
    createRoute({
      method: "get", path: "/fhir/Consent", tags: ["fhir"], summary: "FHIR R4 Consent resources of a patient",
      description: "A citizen reads their own (or their child's); a provider needs an active permit as requester (the read is logged).",
      security: BEARER, middleware: [requireRole("citizen", "provider")] as const,
      request: { query: FhirConsentQuery },
      responses: { 200: { description: "Bundle", content: { "application/fhir+json": { schema: FhirBundle } } }, ...problemResponses(400, 401, 403, 503) },
    }),
    async (c) => {
      const bsn = bsnFromParam(c.req.valid("query").patient);
      const auth = c.get("auth");
      const pseudonym = await pseudonymise(bsn, c.env.PSEUDONYM_KEY);
      if (auth.role === "citizen" && auth.bsn !== bsn) {
        const self = await pseudonymise(auth.bsn, c.env.PSEUDONYM_KEY);
        if (!(await isGuardian(c.env.DB, self, pseudonym))) throw new ApiError("FORBIDDEN", "You may only read your own consents or your child's");
      }
      const actor = auth.role === "provider" ? providerActor(auth) : { role: "citizen" as const };
      const choices = unwrap(await callShard(shardStub(c.env, pseudonym).fhirChoices(pseudonym, actor)));
      const bundle = toFhirBundle(choices, bsn, new URL("/fhir/Consent", c.req.url).toString());
      // FHIR media type; the body is the Bundle schema above
      return c.body(JSON.stringify(bundle), 200, { "content-type": "application/fhir+json; charset=utf-8" }) as never;
    },
  );
  return app;
}
