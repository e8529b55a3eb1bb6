/**
 * The FHIR R4 side under /fhir: every FHIR route module in FHIR_MODULES is mounted here and described in
 * GET /fhir/metadata (../../fhir/capabilities.ts). Errors below /fhir are OperationOutcome resources (./common.ts, mounted around the whole app in ../../app.ts).
 * A new FHIR module (Subscription, Organization, …) is one more line in FHIR_MODULES.
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { routeGroup } from "@regie/shared";
import { FhirResource } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../../env";
import { capabilityStatement, type FhirModule } from "../../fhir/capabilities";
import { fhirJson, fhirResponse } from "./common";
import { auditEventSearch } from "./audit-event";
import { consentOperations } from "./consent-operations";
import { consentRead } from "./consent-read";
import { consentRecord } from "./consent-record";
import { provenanceRead } from "./provenance-read";
import { migration } from "./transaction";
import { SUBSCRIPTION_CAPABILITY } from "../../fhir/subscription-capability";
import { fhirSubscriptionRoutes } from "../fhir-subscription";
import { fhirOrganizationRoutes, ORGANIZATION_CAPABILITIES } from "../fhir-organization";

const subscriptions: FhirModule = {
  routes: fhirSubscriptionRoutes,
  resources: [
    {
      type: "Subscription",
      documentation: SUBSCRIPTION_CAPABILITY.documentation,
      interactions: SUBSCRIPTION_CAPABILITY.interaction.map((i) => i.code),
      searchParams: SUBSCRIPTION_CAPABILITY.searchParam.map((p) => ({ ...p })),
    },
  ],
};

/** the address book (IHE mCSD / ZORG-AB): Organization and Endpoint */
const organizations: FhirModule = {
  routes: fhirOrganizationRoutes,
  resources: ORGANIZATION_CAPABILITIES.map((r) => ({
    type: r.type,
    profile: r.profile,
    interactions: r.interaction.map((i) => i.code),
    searchParams: r.searchParam.map((p) => ({ ...p })),
  })),
};

export const FHIR_MODULES: readonly FhirModule[] = [
  consentRead,
  consentOperations,
  consentRecord,
  provenanceRead,
  migration,
  subscriptions,
  organizations,
  auditEventSearch,
];

/** When this isolate first described itself (the CapabilityStatement's date; the clock does not run at module scope). */
let started: string | undefined;

export function fhirRoutes(app: OpenAPIHono<AppEnv>): void {
  for (const m of FHIR_MODULES) m.routes(app);
  const publicFhir = routeGroup({ tags: ["fhir"] });

  app.openapi(
    publicFhir
      .get("/fhir/metadata", "FHIR CapabilityStatement: every FHIR interaction, search parameter and operation Regie serves")
      .respond({ 200: fhirResponse(FhirResource, "CapabilityStatement") }),
    (c) =>
      fhirJson(
        c,
        capabilityStatement(FHIR_MODULES, { baseUrl: new URL("/fhir", c.req.url).toString(), date: (started ??= new Date().toISOString()), version: "0.1.0" }),
      ) as never,
  );
}
