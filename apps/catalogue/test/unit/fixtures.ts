import type { AccessApplicationInput } from "@regie/shared/contracts/catalogue";

/** A complete data access application for pure-module tests (the workerd suites use ../helpers.ts). */
export function applicationInputFor(datasetId: string): AccessApplicationInput {
  return {
    datasetIds: [datasetId],
    applicant: { name: "Anna", organisation: "EMC", email: "anna@example.nl" },
    purpose: "SCIENTIFIC_RESEARCH",
    purposeDescription: "Survival after treatment by region.",
    requestedData: "Diagnosis and vital status",
    dataForm: "anonymised",
    legalBasis: "PUBLIC_TASK",
    safeguards: "Secure processing environment",
    expectedOutputs: "A paper",
    durationMonths: 12,
    processingEnvironment: "HDAB SPE",
    notProhibitedDeclaration: true,
    ethicsAssessmentRequired: false,
  };
}
