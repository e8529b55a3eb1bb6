/**
 * Mitz's answers as FHIR (pure): the closed question's OperationOutcome, one issue per data category carrying the
 * http://vzvz.nl/fhir/otv/permission-response code (VZVZ draft openapi-mitz-closed-open.yml 4.0.0-beta.1), and the open
 * question's searchset Bundle of source Organizations.
 */
import { dataCategoryCoding, FHIR_SYSTEMS } from "@regie/shared";
import type { CategoryDecision } from "@regie/shared/contracts/consent";
import type { OperationOutcome } from "./operation-outcome";
import { toOrganization } from "./organization";

export function permissionOutcome(decisions: readonly CategoryDecision[]): OperationOutcome {
  return {
    resourceType: "OperationOutcome",
    issue: decisions.map((d) => ({
      severity: "information" as const,
      code: "informational" as const,
      details: {
        coding: [{ system: FHIR_SYSTEMS.permissionResponse, code: d.decision }, dataCategoryCoding(d.dataCategory)],
        text: d.temporary ? `${d.reason} (a 72-hour temporary consent)` : d.reason,
      },
      diagnostics: d.choiceId ? `choice ${d.choiceId}` : "no matching choice",
    })),
  };
}

export interface SourceOrganisation {
  ura: string;
  organizationType: string;
  name?: string | null;
  dataCategories: string[];
}

export function sourcesBundle(sources: readonly SourceOrganisation[], selfUrl: string) {
  return {
    resourceType: "Bundle" as const,
    type: "searchset",
    total: sources.length,
    link: [{ relation: "self", url: selfUrl }],
    entry: sources.map((s) => ({
      fullUrl: `urn:uuid:${s.ura.padStart(8, "0")}-0000-4000-8000-000000000000`,
      resource: toOrganization({
        ura: s.ura,
        organizationType: s.organizationType,
        typeSystem: FHIR_SYSTEMS.organizationType,
        name: s.name,
        active: true,
        extension: s.dataCategories.map((dc) => ({ url: FHIR_SYSTEMS.dataCategoryExtension, valueCoding: dataCategoryCoding(dc) })),
      }),
      search: { mode: "match" as const },
    })),
  };
}
