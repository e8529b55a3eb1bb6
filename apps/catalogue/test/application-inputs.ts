/** Complete access applications, for the workerd suites (through ./helpers.ts) and the pure-module tests in ./unit alike. */
import type { AccessApplicationInput } from "@regie/shared/contracts/catalogue";

/** A complete access application for the given dataset (pseudonymised data, with its justification). */
export function applicationInput(datasetId: string, overrides: Partial<AccessApplicationInput> = {}): AccessApplicationInput {
  return {
    datasetIds: [datasetId],
    applicant: { name: "Dr. Anna Visser", organisation: "Erasmus MC", email: "anna@example.nl" },
    purpose: "SCIENTIFIC_RESEARCH",
    purposeDescription: "Survival after treatment of colorectal cancer by region.",
    requestedData: "Diagnosis, treatment and vital status variables",
    dataForm: "pseudonymised",
    pseudonymisationJustification: "Linkage with the mortality registry requires pseudonymised records.",
    safeguards: "Secure processing environment, no export of microdata",
    durationMonths: 24,
    processingEnvironment: "HDAB secure processing environment",
    legalBasis: "PUBLIC_TASK",
    expectedOutputs: "Survival curves by region, published in a peer-reviewed journal",
    notProhibitedDeclaration: true,
    ethicsAssessmentRequired: true,
    ethicsAssessmentReference: "METC 2026-0412",
    ...overrides,
  };
}

/** A complete health data request (Art. 69): an anonymised statistical answer, no processing environment. */
export function dataRequestInput(datasetId: string): AccessApplicationInput {
  return {
    kind: "data_request",
    datasetIds: [datasetId],
    applicant: { name: "Dr. Anna Visser", organisation: "Erasmus MC", email: "anna@example.nl" },
    purpose: "STATISTICS",
    purposeDescription: "Number of colorectal cancer diagnoses per province and year.",
    requestedData: "Diagnosis year and province",
    legalBasis: "PUBLIC_TASK",
    safeguards: "Cells under 10 suppressed",
    expectedOutputs: "A table of counts per province and year",
    durationMonths: 3,
    notProhibitedDeclaration: true,
    ethicsAssessmentRequired: false,
  };
}

/** An application for anonymised data (no pseudonymisation justification at all), as the fuzz and security suites send. */
export function anonymisedApplicationInput(datasetId: string): AccessApplicationInput {
  const { pseudonymisationJustification: _omit, ...rest } = applicationInput(datasetId, { dataForm: "anonymised", durationMonths: 12 });
  return rest;
}
