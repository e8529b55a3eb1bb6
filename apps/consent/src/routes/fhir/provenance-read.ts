/**
 * FHIR R4: GET /fhir/Provenance?target=Consent/{id}&patient=<bsn> -> a searchset Bundle of the Provenance of each
 * FHIR write of that Consent (recorded, revoked, imported). The patient is required: a Consent id does not say which
 * shard holds it. The citizen reads their own (or their child's); a provider that is a party by URA, or that wrote
 * it (logged, NEN 7513).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { FhirBundle, FhirProvenanceQuery } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../../env";
import type { FhirModule } from "../../fhir/capabilities";
import { provenanceBundle } from "../../fhir/provenance-resource";
import { callShard, shardStub, unwrap } from "../../storage/shards";
import { fhirJson, fhirReaders, fhirResponse, patientSearchParam, readablePatient, readerActor } from "./common";

function routes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    fhirReaders
      .get("/fhir/Provenance", "FHIR R4 Provenance of a Consent's writes (who, when, on whose behalf)", { query: FhirProvenanceQuery })
      .respond({ 200: fhirResponse(FhirBundle, "Bundle") }, 400, 401, 403, 404, 503),
    async (c) => {
      const { target, patient } = c.req.valid("query");
      const auth = c.get("auth");
      const pseudonym = await readablePatient(c.env, auth, patient, "You may only read your own consents or your child's");
      const actor = readerActor(auth);
      const { provenance } = unwrap(await callShard(shardStub(c.env, pseudonym).provenance(pseudonym, target, actor)));
      const base = new URL("/fhir", c.req.url).toString();
      return fhirJson(c, provenanceBundle(provenance, patient, new URL(c.req.path, c.req.url).toString() + `?target=Consent/${target}`, base)) as never;
    },
  );
}

export const provenanceRead: FhirModule = {
  routes,
  resources: [
    {
      type: "Provenance",
      documentation:
        "The Provenance of each FHIR write of a Consent (IHE PCF): activity, recorded, the organisation (URA) on behalf of the patient and the professional (UZI).",
      interactions: ["search-type"],
      searchParams: [{ name: "target", type: "reference", documentation: "Consent/{id} (required)" }, patientSearchParam("required: it locates the Consent")],
    },
  ],
};
