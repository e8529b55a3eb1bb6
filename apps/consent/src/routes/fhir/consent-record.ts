/**
 * Recording consent the IHE PCF way (ITI-108 "Access Consent", create and update): a provider `POST`s a Consent on
 * the patient's behalf, and revokes it with `PUT` and status `inactive`. The same path as POST /v1/provider/choices
 * (../provider-record.ts); each write stores a Provenance (GET /fhir/Provenance, ./provenance-read.ts). Only a
 * provider that is a party to the choice (../../decision/recorder.ts) may write; citizens use /v1/me/choices.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError, type ClaimsOf } from "@regie/shared";
import { FhirConsentIdParams, FhirConsentInput, FhirResource, type Choice } from "@regie/shared/contracts/consent";
import { isPartyTo } from "../../decision/recorder";
import type { AppEnv } from "../../env";
import type { FhirModule } from "../../fhir/capabilities";
import { agentOf, readRecordedConsent, recordedConsentResource } from "../../fhir/consent-record";
import { callShard, citizenShard, unwrap } from "../../storage/shards";
import { concrete } from "../../storage/shard/provider-questions";
import { providerActor } from "../common";
import { recordOnBehalf } from "../provider-record";
import { fhirBody, fhirJson, fhirProvider, fhirResponse } from "./common";

const fhirIn = { content: { "application/fhir+json": { schema: FhirConsentInput } }, required: true };
const fhirOut = (description: string) => fhirResponse(FhirResource, description);

/** Location, ETag and Last-Modified of a Consent version. */
export function versionHeaders(base: string, c: Choice): Record<string, string> {
  return { location: `${base}/Consent/${c.id}/_history/${c.version}`, etag: `W/"${c.version}"`, "last-modified": new Date(c.updatedAt).toUTCString() };
}

function readOrReject(consent: FhirConsentInput, statuses: readonly FhirConsentInput["status"][]) {
  const read = readRecordedConsent(consent, statuses);
  if (!read.ok) throw new ApiError("VALIDATION_FAILED", "The Consent does not state a choice Regie can record", { errors: read.errors });
  return read.value;
}

function assertParty(auth: ClaimsOf<"provider">, choice: Parameters<typeof isPartyTo>[0]): void {
  if (!isPartyTo(choice, concrete(auth))) {
    throw new ApiError(
      "FORBIDDEN",
      "You may only record a Consent your organisation is a party to: holder or requester, by URA or by your organisation type's category",
    );
  }
}

function routes(app: OpenAPIHono<AppEnv>): void {
  const base = (url: string) => new URL("/fhir", url).toString();

  app.openapi(
    fhirProvider
      .post("/fhir/Consent", "IHE PCF (ITI-108 create): record a Consent on the patient's behalf", { body: fhirIn })
      .describe(
        "A Consent with status active: patient (BSN), holder (CST) and requester (IRCP) by URA or category, one GGC category, provision.type, " +
          "optionally period.end and the professional (PRCP, a contained PractitionerRole). The caller must be a party. The citizen is notified, " +
          "subscribers are pushed, the write is logged (NEN 7513) and has a Provenance. Idempotency-Key as on /v1/provider/choices.",
      )
      .respond({ 201: fhirOut("The recorded Consent (proposed while a guardian must confirm)") }, 400, 401, 403, 503),
    async (c) => {
      const read = readOrReject(await fhirBody(c, FhirConsentInput), ["active"]);
      const auth = c.get("auth");
      assertParty(auth, read.choice);
      const recorded = await recordOnBehalf(c.env, auth, read.bsn, read.choice, c.req.header("idempotency-key"), { agent: agentOf(auth, read.professional) });
      return fhirJson(c, recordedConsentResource(recorded.choice, read.bsn), 201, versionHeaders(base(c.req.url), recorded.choice)) as never;
    },
  );

  app.openapi(
    fhirProvider
      .put("/fhir/Consent/{id}", "IHE PCF (ITI-108 update): revoke a Consent by status inactive", { params: FhirConsentIdParams, body: fhirIn })
      .describe(
        "The Consent as recorded with status inactive revokes (withdraws) it, with a Provenance; the same with status active changes nothing. " +
          "Changing anything else is a 422 (record a new Consent); status rejected is refused (in R4 it is a proposal turned down, not a revocation).",
      )
      .respond({ 200: fhirOut("The Consent after the update") }, 400, 401, 403, 404, 409, 422, 503),
    async (c) => {
      const { id } = c.req.valid("param");
      const consent = await fhirBody(c, FhirConsentInput);
      if (consent.id !== undefined && consent.id.toLowerCase() !== id.toLowerCase()) {
        throw new ApiError("VALIDATION_FAILED", "The Consent's id must be the id in the URL", {
          errors: [{ path: "/id", message: "Expected the id in the URL" }],
        });
      }
      const read = readOrReject(consent, ["active", "inactive"]);
      const auth = c.get("auth");
      const { pseudonym, stub } = await citizenShard(c.env, read.bsn);
      const status = read.status === "inactive" ? "inactive" : "active";
      const r = unwrap(
        await callShard(stub.fhirUpdate(pseudonym, id.toLowerCase(), read.choice, status, providerActor(auth), { agent: agentOf(auth, read.professional) })),
      );
      return fhirJson(c, recordedConsentResource(r.choice, read.bsn), 200, versionHeaders(base(c.req.url), r.choice)) as never;
    },
  );
}

export const consentRecord: FhirModule = {
  routes,
  resources: [
    {
      type: "Consent",
      documentation:
        "IHE PCF (ITI-108): a provider that is a party records a Consent on the patient's behalf (create) and revokes it with status inactive (update). Each write has a Provenance.",
      interactions: ["create", "update"],
    },
  ],
};
