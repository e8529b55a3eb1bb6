/**
 * Mitz's FHIR operations (VZVZ draft openapi-mitz-closed-open.yml 4.0.0-beta.1): the closed question
 * `POST /fhir/Consent/$has-mitz-consent` and the open question `POST /fhir/Consent/$get-mitz-sources`, each a Parameters
 * with a proposed Consent. The same decision engine, rules (either party asks) and NEN 7513 log as /v1/consent-check
 * and /v1/locate.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { FhirConsentParameters, FhirResource } from "@regie/shared/contracts/consent";
import type { Context } from "hono";
import type { AppEnv } from "../../env";
import type { FhirModule } from "../../fhir/capabilities";
import { ConsentReader } from "../../fhir/consent-input";
import { permissionOutcome, sourcesBundle } from "../../fhir/mitz-answers";
import { callShard, citizenShard } from "../../storage/shards";
import { assertParty, assertSelf, providerActor } from "../common";
import { fhirBody, fhirJson, fhirProvider, fhirResponse } from "./common";

const BASE = "/parameter/0/resource";
const fhirIn = { content: { "application/fhir+json": { schema: FhirConsentParameters } }, required: true };
const fhirOut = (description: string) => fhirResponse(FhirResource, description);

function reject(reader: ConsentReader): never {
  throw new ApiError("VALIDATION_FAILED", "The proposed Consent does not state the question", { errors: reader.errors });
}

/** A Mitz question: a provider POSTs a Parameters with a proposed Consent; `ok` is the answer. */
const question = (path: string, summary: string, description: string, ok: string) =>
  fhirProvider
    .post(path, summary, { body: fhirIn })
    .describe(description)
    .respond({ 200: fhirOut(ok) }, 400, 401, 403, 503);

/** The one purpose of use the question states (an error on the reader when it states none or several). */
function onePurpose(r: ConsentReader) {
  const purposes = r.purposes();
  if (purposes.length !== 1) r.fail("/provision/purpose", "State exactly one purpose of use (TREAT or COC)");
  return purposes[0]!;
}

/**
 * The question's proposed Consent, read: the patient, the holder (CST) and the professional (PRCP) of a closed
 * question, the requester (IRCP), one purpose and the data categories. What is wrong collects on `r.errors`.
 */
async function readQuestion(c: Context, closed: boolean) {
  const params = await fhirBody(c, FhirConsentParameters);
  const r = new ConsentReader(params.parameter[0]!.resource, BASE);
  const bsn = r.bsn();
  const holder = closed ? r.organisation("CST", true) : undefined;
  const requester = r.organisation("IRCP", true);
  const professional = closed ? r.professional() : undefined;
  return { r, bsn, holder, requester, professional, purpose: onePurpose(r), dataCategories: r.dataCategories() };
}

function routes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    question(
      "/fhir/Consent/$has-mitz-consent",
      "Mitz closed question: an OperationOutcome with a permission-response per data category",
      "Parameters with a proposed Consent: patient (BSN), holder (CST) and requester (IRCP) as contained Organizations with URA and organisation type, optionally the professional (PRCP, a contained PractitionerRole with UZI number and role), purpose TREAT or COC, GGC categories. Either party asks; logged (NEN 7513).",
      "OperationOutcome: one issue per data category",
    ),
    async (c) => {
      const { r, bsn, holder, requester, professional, purpose, dataCategories } = await readQuestion(c, true);
      if (!dataCategories.length || dataCategories.length > 20) r.fail("/category", "Name 1 to 20 data categories (gegevenscategorie)");
      if (r.errors.length || !bsn || !holder || !requester) reject(r);
      const auth = c.get("auth");
      assertParty(auth, holder, requester);
      const { pseudonym, stub } = await citizenShard(c.env, bsn);
      const decisions = await callShard(
        stub.check(pseudonym, {
          holder,
          requester: { ...requester, ...(professional ? { uziRole: professional.role } : {}) },
          purpose,
          dataCategories,
          asker: providerActor(auth),
          ...(professional ? { professional } : {}),
        }),
      );
      return fhirJson(c, permissionOutcome(decisions)) as never;
    },
  );

  app.openapi(
    question(
      "/fhir/Consent/$get-mitz-sources",
      "Mitz open question: a searchset Bundle of the holders (Organization) that may share with the requester",
      "Parameters with a proposed Consent: patient (BSN), requester (IRCP, the caller itself), purpose, optionally GGC categories. Logged (NEN 7513).",
      "searchset Bundle of Organization",
    ),
    async (c) => {
      const { r, bsn, requester, purpose, dataCategories } = await readQuestion(c, false);
      if (r.errors.length || !bsn || !requester) reject(r);
      assertSelf(c.get("auth"), requester);
      const { pseudonym, stub } = await citizenShard(c.env, bsn);
      const sources = await callShard(
        stub.locate(
          pseudonym,
          { ...requester, ...(c.get("auth").uziRole ? { uziRole: c.get("auth").uziRole } : {}) },
          purpose,
          dataCategories.length ? dataCategories : undefined,
        ),
      );
      return fhirJson(c, sourcesBundle(sources, new URL("/fhir/Consent/$get-mitz-sources", c.req.url).toString())) as never;
    },
  );
}

export const consentOperations: FhirModule = {
  routes,
  resources: [
    {
      type: "Consent",
      operations: [
        {
          name: "has-mitz-consent",
          definition: "http://vzvz.nl/fhir/OperationDefinition/has-mitz-consent",
          documentation:
            "Closed question (gesloten vraag): Parameters with a proposed Consent -> OperationOutcome with a permission-response code per data category",
        },
        {
          name: "get-mitz-sources",
          definition: "http://vzvz.nl/fhir/OperationDefinition/get-mitz-sources",
          documentation: "Open question (open vraag): Parameters with a proposed Consent -> searchset Bundle of source Organizations",
        },
      ],
    },
  ],
};
