/** FHIR R4: GET /fhir/Consent?patient=<bsn> -> a searchset Bundle of Consent resources. */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { FhirBundle, FhirConsentQuery } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../../env";
import type { FhirModule } from "../../fhir/capabilities";
import { toFhirBundle } from "../../fhir/consent-resource";
import { callShard, shardStub, unwrap } from "../../storage/shards";
import { fhirJson, fhirReaders, fhirResponse, patientSearchParam, readablePatient, readerActor } from "./common";

function routes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    fhirReaders
      .get("/fhir/Consent", "FHIR R4 Consent resources of a patient", { query: FhirConsentQuery })
      .describe("A citizen reads their own (or their child's); a provider needs an active permit as requester (the read is logged).")
      .respond({ 200: fhirResponse(FhirBundle, "Bundle") }, 400, 401, 403, 503),
    async (c) => {
      const bsn = c.req.valid("query").patient;
      const auth = c.get("auth");
      const pseudonym = await readablePatient(c.env, auth, bsn, "You may only read your own consents or your child's");
      const actor = readerActor(auth);
      const choices = unwrap(await callShard(shardStub(c.env, pseudonym).fhirChoices(pseudonym, actor)));
      return fhirJson(c, toFhirBundle(choices, bsn, new URL("/fhir/Consent", c.req.url).toString())) as never;
    },
  );
}

export const consentRead: FhirModule = {
  routes,
  resources: [
    {
      type: "Consent",
      documentation:
        "A patient's consent choices in Mitz's code systems (GGC, RPZAC). Read: the citizen (own or child's), or a provider named as requester by a permit in force.",
      interactions: ["search-type"],
      searchParams: [patientSearchParam()],
    },
  ],
};
