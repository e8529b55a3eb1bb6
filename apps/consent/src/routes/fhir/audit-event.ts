/**
 * FHIR R4: GET /fhir/AuditEvent?patient=<bsn>&_count=&before= -> a searchset Bundle of the NEN 7513 log as IHE BALP
 * AuditEvents (../../fhir/audit-event.ts), newest first, one page per call (a `next` link while older entries exist).
 * A citizen reads their own log or their child's (under 16, a registered guardian, as GET /v1/me/*?child=); a provider
 * reads only the questions its own URA asked. Reading the log is not itself logged (it is no consent question).
 */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { AUDIT_EVENT_PAGE_DEFAULT, FhirAuditEventQuery, FhirBundle } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../../env";
import { toAuditBundle, QUESTION_ACTIONS } from "../../fhir/audit-event";
import type { FhirModule } from "../../fhir/capabilities";
import { callShard, shardStub } from "../../storage/shards";
import { fhirJson, fhirReaders, fhirResponse, patientSearchParam, readablePatient } from "./common";

function routes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    fhirReaders
      .get("/fhir/AuditEvent", "The NEN 7513 access log of a patient as FHIR R4 AuditEvents (IHE BALP), newest first", { query: FhirAuditEventQuery })
      .describe(
        "A citizen reads their own (or their child's, under 16); a provider reads only the questions its own URA asked. Paged with _count and the Bundle's next link.",
      )
      .respond({ 200: fhirResponse(FhirBundle, "Bundle") }, 400, 401, 403, 503),
    async (c) => {
      const q = c.req.valid("query");
      const auth = c.get("auth");
      const pseudonym = await readablePatient(c.env, auth, q.patient, "You may only read your own access log or that of your child under 16", true);
      const limit = q._count ?? AUDIT_EVENT_PAGE_DEFAULT;
      const filter = auth.role === "provider" ? { actorUra: auth.ura, actions: QUESTION_ACTIONS } : {};
      const page = await callShard(shardStub(c.env, pseudonym).accessLog(pseudonym, { limit, ...(q.before ? { before: q.before } : {}), ...filter }));
      const base = new URL("/fhir/AuditEvent", c.req.url);
      const link = (before?: number) => {
        const u = new URL(base);
        u.searchParams.set("patient", q.patient);
        u.searchParams.set("_count", String(limit));
        if (before) u.searchParams.set("before", String(before));
        return u.toString();
      };
      const ctx = { bsn: q.patient, observer: new URL("/fhir", c.req.url).toString(), site: base.host };
      return fhirJson(c, toAuditBundle(page.items, ctx, { self: link(q.before), next: page.next ? link(page.next) : null })) as never;
    },
  );
}

export const auditEventSearch: FhirModule = {
  routes,
  resources: [
    {
      type: "AuditEvent",
      profile: "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.AuthZconsent",
      documentation:
        "The NEN 7513 access log as IHE BALP AuditEvents (AuthZconsent for questions; break-the-glass with the BTG subtype). Citizen: own or child's; provider: its own questions.",
      interactions: ["search-type"],
      searchParams: [patientSearchParam(), { name: "_count", type: "number", documentation: "Entries per page (default 50, at most 100)" }],
    },
  ],
};
