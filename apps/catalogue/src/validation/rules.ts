/**
 * Publishing validation: the HealthDCAT-AP Release 8 rules of the dataset's own access level (PUBLIC, RESTRICTED or
 * NON_PUBLIC, see ./levels; the DCAT-AP 3.0.1 mandatory rules underneath) as a pure function over dataset JSON. Every violation names the RDF property and a JSON
 * pointer. The Node SHACL tests prove that it agrees with the official shapes on the official example and its
 * mutations.
 */
import { DatasetInput, type Violation } from "@regie/shared/contracts/catalogue";
import { DATASET, type NodeSpec } from "../rdf/model";
import { isAccessLevel, NON_PUBLIC_MANDATORY, recommendations } from "./levels";

/** The RDF property behind a JSON pointer into a dataset (`/hdab/contactPoint` -> `cv:contactPoint`). */
export function propertyForPath(path: ReadonlyArray<PropertyKey>, root: NodeSpec = DATASET, rootCurie = "dcat:Dataset"): string {
  let spec: NodeSpec | undefined = root;
  let curie = rootCurie;
  for (const seg of path) {
    if (typeof seg === "number" || /^\d+$/.test(String(seg))) continue;
    if (seg === "extraTriples") return "rdf:Statement";
    const field: NodeSpec["fields"][number] | undefined = spec?.fields.find((f) => f.key === seg);
    if (!field) break;
    curie = field.curie;
    spec = field.kind.k === "node" ? field.kind.spec : undefined;
  }
  return curie;
}

type Obj = Record<string, unknown>;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const obj = (v: unknown): Obj | undefined => (v && typeof v === "object" && !Array.isArray(v) ? (v as Obj) : undefined);

function ruleViolations(d: Obj): Violation[] {
  const out: Violation[] = [];
  const add = (path: string, property: string, message: string) => out.push({ path, property, message: `${property}: ${message}` });

  // dct:accessRights itself (one of the three codes) is checked by the zod schema; the level decides the rest.
  // A dataset without a readable level is held to the strictest one.
  const level = isAccessLevel(d.accessRights) ? d.accessRights : "NON_PUBLIC";
  if (arr(d.applicableLegislation).length === 0)
    add("/applicableLegislation", "dcatap:applicableLegislation", "at least one applicable legislation is required (e.g. the EHDS regulation)");
  if (arr(d.distribution).length === 0) add("/distribution", "dcat:distribution", "at least one distribution is required");
  for (const key of ["distribution", "sample", "analytics"]) {
    arr(d[key]).forEach((dist, i) => {
      if (arr(obj(dist)?.applicableLegislation).length === 0) {
        add(`/${key}/${i}/applicableLegislation`, "dcatap:applicableLegislation", `${key} ${i + 1} needs at least one applicable legislation`);
      }
    });
  }
  const themes = arr(d.theme);
  if (themes.length === 0) add("/theme", "dcat:theme", "at least one theme is required, including HEAL");
  else if (!themes.includes("HEAL")) add("/theme", "dcat:theme", "a health dataset must have the EU data theme HEAL");
  if (arr(d.healthCategory).length === 0) add("/healthCategory", "healthdcatap:healthCategory", "at least one EHDS health category is required");
  if (level === "NON_PUBLIC") {
    for (const [key, property, message] of NON_PUBLIC_MANDATORY) if (arr(d[key]).length === 0) add(`/${key}`, property, message);
  }
  arr(d.contactPoint).forEach((cp, i) => {
    const c = obj(cp);
    if (c && !c.url && !c.email) add(`/contactPoint/${i}`, "vcard:hasURL", "a contact point needs vcard:hasURL or vcard:hasEmail");
  });

  const agents: [string, string, boolean][] = [
    ["hdab", "healthdcatap:hdab", true],
    ["hdabCoordinator", "healthdcatap:hdabCoordinator", false],
    ["custodian", "geodcatap:custodian", false],
    ["publisher", "dct:publisher", false],
  ];
  for (const [key, property, required] of agents) {
    const agent = obj(d[key]);
    if (!agent) {
      if (required && d[key] === undefined) add(`/${key}`, property, "exactly one Health Data Access Body is required");
      continue;
    }
    const cp = obj(agent.contactPoint);
    if (!cp) add(`/${key}/contactPoint`, "cv:contactPoint", `${property} must have exactly one cv:contactPoint`);
    else if (!cp.email && !cp.contactPage) add(`/${key}/contactPoint`, "cv:email", `the contact point of ${property} needs cv:email or cv:contactPage`);
  }

  if (d.hasStructuredData === true && arr(d.variables).length === 0) {
    add("/variables", "healthdcatap:hasVariables", "a dataset with hasStructuredData true must describe its variables");
  }
  arr(d.variables).forEach((g, i) => {
    const tables = arr(obj(g)?.tables);
    if (tables.length === 0) add(`/variables/${i}/tables`, "csvw:table", "a variables table group needs at least one csvw:table");
    tables.forEach((t, j) => {
      if (arr(obj(t)?.columns).length === 0) add(`/variables/${i}/tables/${j}/columns`, "csvw:column", "a table needs at least one csvw:column");
    });
  });
  if (typeof d.previousVersion === "string" && d.previousVersion === d.iri) {
    add("/previousVersion", "dcat:previousVersion", "a dataset cannot be its own previous version");
  }
  if (typeof d.minTypicalAge === "number" && typeof d.maxTypicalAge === "number" && d.minTypicalAge > d.maxTypicalAge) {
    add("/minTypicalAge", "healthdcatap:minTypicalAge", "must not be larger than healthdcatap:maxTypicalAge");
  }
  return out;
}

export type ValidationResult = { ok: true; value: DatasetInput; warnings: Violation[] } | { ok: false; violations: Violation[]; warnings: Violation[] };

/**
 * Largest dataset description stored, as UTF-8 JSON: half of D1's 2,000,000-byte limit per value, so the stored
 * document (which gains ids and revision metadata) always fits in its row (docs/architecture.md, Cloudflare limits).
 */
export const MAX_DATASET_JSON_BYTES = 1_000_000;

/** Validates dataset JSON (from the publishing API or mapped from harvested RDF). */
export function validateDataset(input: unknown, preexisting: Violation[] = []): ValidationResult {
  const parsed = DatasetInput.safeParse(input);
  const violations: Violation[] = [...preexisting];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const property = propertyForPath(issue.path);
      const missing = issue.code === "invalid_type" && /received undefined/.test(issue.message);
      const path = "/" + issue.path.map(String).join("/");
      violations.push({ path, property, message: `${property}: ${missing ? "is required" : issue.message}` });
    }
  }
  const raw = obj(input);
  if (raw) violations.push(...ruleViolations(raw));
  const bytes = new TextEncoder().encode(JSON.stringify(input) ?? "").length;
  if (bytes > MAX_DATASET_JSON_BYTES) {
    violations.push({
      path: "",
      property: "dcat:Dataset",
      message: `the dataset description is ${bytes} bytes as JSON; at most ${MAX_DATASET_JSON_BYTES} are stored`,
    });
  }
  // one entry per (path, property, message)
  const seen = new Set<string>();
  const unique = violations.filter((v) => {
    const k = `${v.path}|${v.property}|${v.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
  const warnings = raw ? recommendations(raw) : [];
  if (unique.length || !parsed.success) return { ok: false, violations: unique, warnings };
  return { ok: true, value: parsed.data, warnings };
}
