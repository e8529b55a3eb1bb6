/**
 * Harvest of dcat:DataService and dcat:DatasetSeries (push documents and pulled sources): each is mapped with its
 * table, validated like a published one, and created or updated by IRI; another publisher's resource is rejected.
 * Statements only: the caller writes them in the same batch as the datasets of the document.
 */
import type { HarvestReport, Violation } from "@regie/shared/contracts/catalogue";
import { nowIso } from "../datasets/service";
import { resourcesFromQuads } from "../rdf/from-rdf";
import type { Quad } from "../rdf/n3";
import { ResourcesRepo, type ResourceDoc } from "./repo";
import { buildResource, freeResourceIds } from "./service";
import { KIND_RULES, validateResource, type ResourceKind } from "./validate";

type ResourceReport = NonNullable<HarvestReport["resources"]>;
const REPORT_KIND: Record<ResourceKind, "dataService" | "datasetSeries"> = { service: "dataService", series: "datasetSeries" };
/** at most this many of each class per document (or page) */
export const MAX_RESOURCES = 500;

export async function planResources(
  db: D1Database,
  quads: Quad[],
  publisherId: string,
): Promise<{ report: ResourceReport; statements: D1PreparedStatement[] }> {
  const report: ResourceReport = { imported: [], rejected: [] };
  const statements: D1PreparedStatement[] = [];
  const now = nowIso();
  for (const kind of ["service", "series"] as const) {
    const rules = KIND_RULES[kind];
    const found = resourcesFromQuads(quads, rules.spec, rules.curie);
    if (found.length === 0) continue;
    const repo = new ResourcesRepo<ResourceDoc>(db, kind);
    if (found.length > MAX_RESOURCES) {
      const v: Violation = { path: "", property: rules.curie, message: `${rules.curie}: at most ${MAX_RESOURCES} per document` };
      report.rejected.push(...found.map((h) => ({ kind: REPORT_KIND[kind], iri: h.iri, violations: [v] })));
      continue;
    }
    const existing = new Map((await repo.refsByIris(found.map((h) => h.iri))).map((r) => [r.iri, r]));
    const accepted: { iri: string; value: { identifier?: string; title: Record<string, string>; modified?: string } }[] = [];
    for (const h of found) {
      const result = validateResource<{ identifier?: string; title: Record<string, string>; modified?: string }>(kind, h.value, h.violations);
      const ref = existing.get(h.iri);
      if (!result.ok) report.rejected.push({ kind: REPORT_KIND[kind], iri: h.iri, violations: result.violations });
      else if (ref && ref.publisherId !== publisherId) {
        const v: Violation = { path: "/iri", property: "dct:publisher", message: `dct:publisher: this ${rules.curie} is published by another publisher` };
        report.rejected.push({ kind: REPORT_KIND[kind], iri: h.iri, violations: [v] });
      } else accepted.push({ iri: h.iri, value: result.value });
    }
    const fresh = accepted.filter((a) => !existing.has(a.iri));
    const ids = await freeResourceIds(
      repo,
      fresh.map((a) => a.value),
    );
    const idOf = new Map(fresh.map((a, i) => [a.iri, ids[i]!]));
    for (const a of accepted) {
      const ref = existing.get(a.iri);
      const id = ref?.id ?? idOf.get(a.iri)!;
      const doc = buildResource(a.value, { id, iri: a.iri, publisherId, modified: a.value.modified ?? now, revision: (ref?.revision ?? 0) + 1 });
      statements.push(ref ? repo.updateStatement(doc) : repo.insertStatement(doc));
      report.imported.push({ kind: REPORT_KIND[kind], id: doc.id, iri: a.iri, created: !ref });
    }
  }
  return { report, statements };
}
