/**
 * Publishing validation of dcat:DataService and dcat:DatasetSeries: the zod contract plus the mandatory properties
 * of the official shapes (DCAT-AP 3.0.1 `shapes.ttl`; for series also the HealthDCAT-AP R8 level shapes). Pure.
 * Every violation names the RDF property; the Node SHACL suite (test-shacl/dcat3.test.ts) checks that the shapes
 * flag the same properties.
 *
 * DataService: dct:title and dcat:endpointURL at least one; dct:accessRights, dct:license, dct:publisher at most one
 * (single-valued in JSON). DatasetSeries: dct:title, dct:description and dcatap:applicableLegislation at least one.
 */
import { DataServiceInput, DatasetSeriesInput, type Violation } from "@regie/shared/contracts/catalogue";
import type { z } from "@hono/zod-openapi";
import type { NodeSpec } from "../rdf/model";
import { DATA_SERVICE, DATASET_SERIES } from "../rdf/model-dcat3";
import { propertyForPath } from "../validation/rules";

export type ResourceKind = "service" | "series";

interface KindRules {
  schema: z.ZodType;
  spec: NodeSpec;
  curie: string;
  /** [JSON key, CURIE, message] of properties that need at least one value */
  mandatory: readonly (readonly [string, string, string])[];
}

export const KIND_RULES: Record<ResourceKind, KindRules> = {
  service: {
    schema: DataServiceInput,
    spec: DATA_SERVICE,
    curie: "dcat:DataService",
    mandatory: [
      ["title", "dct:title", "a data service needs a title"],
      ["endpointURL", "dcat:endpointURL", "a data service needs at least one endpoint URL"],
    ],
  },
  series: {
    schema: DatasetSeriesInput,
    spec: DATASET_SERIES,
    curie: "dcat:DatasetSeries",
    mandatory: [
      ["title", "dct:title", "a dataset series needs a title"],
      ["description", "dct:description", "a dataset series needs a description"],
      ["applicableLegislation", "dcatap:applicableLegislation", "a dataset series needs at least one applicable legislation (HealthDCAT-AP)"],
    ],
  },
};

/** Largest stored description of a service or series as UTF-8 JSON (5% of D1's 2,000,000-byte value limit; a few KB is usual). */
export const MAX_RESOURCE_JSON_BYTES = 100_000;

const isEmpty = (v: unknown) =>
  v === undefined || v === null || (Array.isArray(v) && v.length === 0) || (typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0);

export type ResourceValidation<T> = { ok: true; value: T } | { ok: false; violations: Violation[] };

export function validateResource<T>(kind: ResourceKind, input: unknown, preexisting: Violation[] = []): ResourceValidation<T> {
  const rules = KIND_RULES[kind];
  const violations: Violation[] = [...preexisting];
  const raw = input && typeof input === "object" && !Array.isArray(input) ? (input as Record<string, unknown>) : {};
  const missing = new Set<string>();
  for (const [key, property, message] of rules.mandatory) {
    if (isEmpty(raw[key])) {
      missing.add(key);
      violations.push({ path: `/${key}`, property, message: `${property}: ${message}` });
    }
  }
  const parsed = rules.schema.safeParse(input);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.path.length === 1 && missing.has(String(issue.path[0]))) continue;
      const property = propertyForPath(issue.path, rules.spec, rules.curie);
      violations.push({ path: "/" + issue.path.map(String).join("/"), property, message: `${property}: ${issue.message}` });
    }
  }
  const bytes = new TextEncoder().encode(JSON.stringify(input) ?? "").length;
  if (bytes > MAX_RESOURCE_JSON_BYTES) {
    violations.push({
      path: "",
      property: rules.curie,
      message: `${rules.curie}: the description is ${bytes} bytes as JSON; at most ${MAX_RESOURCE_JSON_BYTES}`,
    });
  }
  if (violations.length || !parsed.success) return { ok: false, violations };
  return { ok: true, value: parsed.data as T };
}
