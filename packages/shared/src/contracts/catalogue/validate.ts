/** catalogue contracts: POST /v1/validate (re-exported by ../catalogue.ts). */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { Violation } from "./dataset";

export const AccessLevel = z.enum(["PUBLIC", "RESTRICTED", "NON_PUBLIC"]).openapi("AccessLevel");
export type AccessLevel = z.infer<typeof AccessLevel>;

/**
 * `level`: which access level's shapes to apply. Omitted: each dataset at the level it declares with
 * dct:accessRights (a dataset without a known level at NON_PUBLIC, the strictest); a level: every dataset at that
 * level (as the HealthData@EU validator, where the user picks one); `all`: every dataset at all three.
 */
export const ValidateQuery = z.object({
  level: z
    .enum(["PUBLIC", "RESTRICTED", "NON_PUBLIC", "all"])
    .optional()
    .openapi({ param: { name: "level", in: "query" }, example: "all" }),
});
export type ValidateQuery = z.infer<typeof ValidateQuery>;

/** One result of the official shapes (a sh:ValidationResult). Terms: an IRI, or `_:label` for a blank node. */
export const ShaclResult = component(
  "ShaclResult",
  {
    focusNode: z.string(),
    /** sh:resultPath as a CURIE when its namespace is known (`dct:accessRights`), else the IRI; null for node-level results */
    path: z.string().nullable(),
    severity: z.enum(["Violation", "Warning", "Info"]),
    message: z.string(),
    /** the offending value (an IRI, `_:label` or the literal's text), when the constraint names one */
    value: z.string().nullable(),
    /** the shape that raised it, when the shapes name it (many official shapes are blank nodes: null) */
    sourceShape: z.string().nullable(),
    /** the SHACL constraint component, e.g. `MinCountConstraintComponent` */
    constraint: z.string().nullable(),
  },
  {
    example: {
      focusNode: "https://example.org/dataset/1",
      path: "healthdcatap:hdab",
      severity: "Violation",
      message: "Exactly one Health Data Access Body is required",
      value: null,
      sourceShape: null,
      constraint: "MinCountConstraintComponent",
    },
  },
);
export type ShaclResult = z.infer<typeof ShaclResult>;

export const LevelVerdict = component("LevelVerdict", {
  level: AccessLevel,
  /** no sh:Violation at this level */
  conforms: z.boolean(),
  /** the results of the level's shapes (with DCAT-AP 3.0.1) whose focus node belongs to the dataset */
  violations: z.array(ShaclResult),
  /** the level's `_recommended` shapes: warnings, never a rejection */
  recommendations: z.array(ShaclResult),
});
export type LevelVerdict = z.infer<typeof LevelVerdict>;

export const ValidationReport = component("ValidationReport", {
  /** every dataset conforms at every level it was validated at, and the document has no violation of its own */
  conforms: z.boolean(),
  /** statements in the document */
  triples: z.number().int(),
  datasets: z.array(
    z.object({
      /** the dataset's IRI, or `_:label` for a blank node */
      iri: z.string(),
      /** the level dct:accessRights declares; null when it is missing or not one of the three */
      declaredLevel: AccessLevel.nullable(),
      levels: z.array(LevelVerdict),
      /** whether POST /v1/harvest would import it: Regie's publishing rules, which add to the shapes (e.g. the HEAL theme) */
      regie: z.object({ importable: z.boolean(), violations: z.array(Violation), warnings: z.array(Violation) }),
    }),
  ),
  /** results on nodes that belong to no dataset (the catalogue record, stray nodes) and the graph guard, per level run */
  document: z.array(z.object({ level: AccessLevel, violations: z.array(ShaclResult) })),
});
export type ValidationReport = z.infer<typeof ValidationReport>;
