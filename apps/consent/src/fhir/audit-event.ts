/**
 * The NEN 7513 access log as FHIR R4 AuditEvents (pure), after IHE BALP's AuthZconsent pattern ("an authorization
 * decision by a consent decision service") for the questions Regie answers, and a plain REST-style AuditEvent for the
 * writes it records. The agents: the professional (IRCP, UZI number and role, requestor), the organisation that asked
 * (PROV, URA), the requester it asked for (RCV) when the holder asked, the mandating professional (RESP), the holder
 * (CST) and Regie itself (authserver, also `source.observer`). Entities: the patient (BSN, from the query: the log holds
 * only pseudonyms) and the consent decision (outcome, data categories, purpose). Break-the-glass adds the BTG subtype
 * and purpose (v3-ActReason), with the provider's reason. Deviations from BALP are listed in docs/consent.md.
 */
import { FHIR_SYSTEMS, dataCategoryCoding, organisationTypeCoding, purposeCoding, uziRoleCoding, type Coding } from "@regie/shared";
import type { AccessLogEntry } from "@regie/shared/contracts/consent";

export const BALP_AUTHZ_CONSENT = "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.AuthZconsent";
const DCM = "http://dicom.nema.org/resources/ontology/DCM";
const AUTHZ_SUBTYPE = "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType";
const ACT_REASON = "http://terminology.hl7.org/CodeSystem/v3-ActReason";
const BTG: Coding = { system: ACT_REASON, code: "BTG", display: "break the glass" };

/** The log actions that are questions (authorization decisions); the others are writes Regie recorded. */
export const QUESTION_ACTIONS = ["consent-check", "locate", "fhir-read", "emergency-access"] as const;
const isQuestion = (a: string) => (QUESTION_ACTIONS as readonly string[]).includes(a);

/** REST interaction and AuditEvent.action of each write. */
const WRITES: Record<string, { interaction: string; action: "C" | "U" | "D" }> = {
  "choice-recorded": { interaction: "create", action: "C" },
  "temporary-consent": { interaction: "create", action: "C" },
  subscription: { interaction: "create", action: "C" },
  "choice-changed": { interaction: "update", action: "U" },
  "choice-confirmed": { interaction: "update", action: "U" },
  "secondary-use-changed": { interaction: "update", action: "U" },
  "choice-withdrawn": { interaction: "delete", action: "D" },
};

export interface AuditContext {
  /** the patient's BSN as the caller gave it in the query (never read from the log) */
  bsn: string;
  /** Regie as the audit source and authorizer, e.g. the /fhir base URL */
  observer: string;
  site: string;
}

const concept = (...coding: Coding[]) => ({ coding });
const byIdentifier = (system: string, value: string, display?: string) => ({ identifier: { system, value }, ...(display ? { display } : {}) });
const org = (ura: string, type?: string | null) =>
  byIdentifier(FHIR_SYSTEMS.ura, ura, type ? `${organisationTypeCoding(type).display ?? type} (URA ${ura})` : `URA ${ura}`);

/** 0 success; 4 minor failure (a deny, a partial answer, a rejected write), as BALP has success for permit, failure for deny. */
function outcomeCode(e: AccessLogEntry): "0" | "4" {
  const o = e.outcome;
  return o === "deny" || o === "partial" || o.startsWith("rejected") || o.startsWith("0 source") ? "4" : "0";
}

function agents(e: AccessLogEntry, ctx: AuditContext, purposeOfUse: { coding: Coding[] }[]) {
  const out: Record<string, unknown>[] = [];
  const requestor = e.actor.role === "provider";
  if (e.professional) {
    out.push({
      type: concept({ system: FHIR_SYSTEMS.participationType, code: "IRCP", display: "information recipient" }),
      ...(e.professional.role ? { role: [concept(uziRoleCoding(e.professional.role))] } : {}),
      who: byIdentifier(FHIR_SYSTEMS.uziNumber, e.professional.uziNumber, `UZI ${e.professional.uziNumber}`),
      requestor: true,
      ...(purposeOfUse.length ? { purposeOfUse } : {}),
    });
  }
  if (e.actor.ura) {
    out.push({
      type: concept({ system: "http://terminology.hl7.org/CodeSystem/v3-RoleClass", code: "PROV", display: "healthcare provider" }),
      who: org(e.actor.ura, e.actor.organizationType),
      ...(e.actor.uziRole ? { role: [concept(uziRoleCoding(e.actor.uziRole))] } : {}),
      requestor: requestor && !e.professional,
      ...(!e.professional && purposeOfUse.length ? { purposeOfUse } : {}),
    });
  } else {
    // a citizen or guardian in the portal, the HDAB, or the system: named by role, never by BSN
    out.push({
      type: concept({ system: "http://terminology.hl7.org/CodeSystem/extra-security-role-type", code: "humanuser", display: "human user" }),
      who: { display: e.actor.role },
      requestor: true,
    });
  }
  if (e.onBehalfOf) {
    out.push({
      type: concept({ system: FHIR_SYSTEMS.participationType, code: "RCV", display: "receiver" }),
      who: org(e.onBehalfOf.ura, e.onBehalfOf.organizationType),
      requestor: false,
    });
  }
  if (e.professional?.mandatedBy) {
    out.push({
      type: concept({ system: FHIR_SYSTEMS.participationType, code: "RESP", display: "responsible party" }),
      who: byIdentifier(FHIR_SYSTEMS.uziNumber, e.professional.mandatedBy),
      requestor: false,
    });
  }
  if (e.holderUra)
    out.push({ type: concept({ system: FHIR_SYSTEMS.participationType, code: "CST", display: "custodian" }), who: org(e.holderUra), requestor: false });
  out.push({
    type: concept({ system: "http://terminology.hl7.org/CodeSystem/extra-security-role-type", code: "authserver", display: "authorization server" }),
    who: observer(ctx),
    requestor: false,
  });
  return out;
}

const observer = (ctx: AuditContext) => ({ identifier: { system: "urn:ietf:rfc:3986", value: ctx.observer }, display: "Regie consent registry" });

/** One log entry as an AuditEvent. */
export function toAuditEvent(e: AccessLogEntry, ctx: AuditContext): Record<string, unknown> {
  const question = isQuestion(e.action);
  const btg = e.breakTheGlass === true;
  const purpose = e.purpose === "TREAT" || e.purpose === "COC" ? [purposeCoding(e.purpose)] : [];
  const purposeOfEvent = [...purpose, ...(btg ? [BTG] : [])].map((c) => concept(c));
  const write = WRITES[e.action];
  const details = [
    { type: "action", valueString: e.action },
    { type: "outcome", valueString: e.outcome },
    ...e.dataCategories.map((dc) => ({ type: "dataCategory", valueString: dataCategoryCoding(dc).display ? `${dc} ${dataCategoryCoding(dc).display}` : dc })),
    ...((e.temporaryConsent ?? e.emergency) ? [{ type: "temporaryConsent", valueString: "a 72-hour temporary consent given by the patient on the spot" }] : []),
    ...(btg ? [{ type: "breakTheGlassReason", valueString: e.emergencyReason ?? "" }] : []),
    { type: "logHash", valueString: e.hash },
  ];
  return {
    resourceType: "AuditEvent",
    id: e.eventId,
    ...(question ? { meta: { profile: [BALP_AUTHZ_CONSENT] } } : {}),
    type: question
      ? { system: DCM, code: "110113", display: "Security Alert" }
      : { system: "http://terminology.hl7.org/CodeSystem/audit-event-type", code: "rest", display: "RESTful Operation" },
    subtype: question
      ? [{ system: AUTHZ_SUBTYPE, code: "AuthZ-Consent", display: "Authorization Decision using Roles and Consent" }, ...(btg ? [BTG] : [])]
      : [{ system: "http://hl7.org/fhir/restful-interaction", code: write?.interaction ?? "update" }],
    action: question ? "E" : (write?.action ?? "U"),
    recorded: e.at,
    outcome: outcomeCode(e),
    outcomeDesc: e.outcome,
    ...(purposeOfEvent.length ? { purposeOfEvent } : {}),
    agent: agents(e, ctx, purposeOfEvent),
    source: {
      site: ctx.site,
      observer: observer(ctx),
      type: [{ system: "http://terminology.hl7.org/CodeSystem/security-source-type", code: "6", display: "Security Server" }],
    },
    entity: [
      {
        what: byIdentifier(FHIR_SYSTEMS.bsn, ctx.bsn),
        type: { system: "http://terminology.hl7.org/CodeSystem/audit-entity-type", code: "1", display: "Person" },
        role: { system: "http://terminology.hl7.org/CodeSystem/object-role", code: "1", display: "Patient" },
      },
      {
        what: { type: "Consent", display: question ? `Consent decision: ${e.outcome}` : `Consent ${e.action}: ${e.outcome}` },
        type: { system: "http://hl7.org/fhir/resource-types", code: "Consent", display: "Consent" },
        detail: details,
      },
    ],
  };
}

/** A searchset Bundle of one page of AuditEvents, with a `next` link when an older page exists. */
export function toAuditBundle(items: AccessLogEntry[], ctx: AuditContext, links: { self: string; next: string | null }): Record<string, unknown> {
  return {
    resourceType: "Bundle",
    type: "searchset",
    link: [{ relation: "self", url: links.self }, ...(links.next ? [{ relation: "next", url: links.next }] : [])],
    entry: items.map((e) => ({ fullUrl: `urn:uuid:${e.eventId}`, resource: toAuditEvent(e, ctx), search: { mode: "match" } })),
  };
}
