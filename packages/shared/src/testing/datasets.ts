/**
 * Dataset fixtures shared by the catalogue's tests (workerd) and the benchmarks (Node, under tsx): plain data, no
 * bindings, so both can import it. Never used in production code.
 */
import type { DatasetInput } from "../contracts/catalogue";
import { EHDS_REGULATION } from "../contracts/dcat/vocabularies";

/** A minimal conformant dataset (HealthDCAT-AP non-public level); `overrides` replace whole fields. */
export function minimalDataset(overrides: Partial<DatasetInput> = {}): DatasetInput {
  return {
    identifier: `DS-${crypto.randomUUID().slice(0, 8)}`,
    title: { nl: "Testdataset", en: "Test dataset" },
    description: { nl: "Een dataset om te testen.", en: "A dataset for testing." },
    accessRights: "NON_PUBLIC",
    applicableLegislation: [EHDS_REGULATION],
    type: ["http://publications.europa.eu/resource/authority/dataset-type/STATISTICAL"],
    hdab: { name: { nl: "HDAB Nederland" }, contactPoint: { email: "hdab@example.nl" } },
    contactPoint: [{ email: "data@example.nl" }],
    theme: ["HEAL"],
    healthCategory: ["EHRS"],
    keyword: [{ value: "test", lang: "en" }],
    provenance: [{ label: { en: "Made for tests" } }],
    distribution: [{ applicableLegislation: [EHDS_REGULATION], accessURL: "https://example.nl/access", format: "CSV" }],
    hasStructuredData: false,
    ...overrides,
  };
}
