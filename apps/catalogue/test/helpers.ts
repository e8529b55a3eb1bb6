import { env, SELF } from "cloudflare:test";
import type { AccessApplicationInput, DatasetInput } from "@regie/shared/contracts/catalogue";
import { bearer } from "@regie/shared/testing/tokens";

export const BASE = "http://catalogue.test";
export const EHDS = "http://data.europa.eu/eli/reg/2025/327/oj";

export const publisher = (publisherId: string) => bearer(env, { role: "publisher", publisherId });
export const researcher = (sub = "researcher-anna") => bearer(env, { role: "researcher", sub, name: "Anna", organisation: "Erasmus MC" });
export const hdab = (sub = "hdab-nl") => bearer(env, { role: "hdab", sub });

/** A minimal conformant dataset (HealthDCAT-AP non-public level), shared with the benchmarks. */
export { minimalDataset } from "@regie/shared/testing/datasets";

export async function publish(publisherId: string, ds: DatasetInput) {
  const res = await SELF.fetch(`${BASE}/v1/datasets`, {
    method: "POST",
    headers: { ...(await publisher(publisherId)), "content-type": "application/json" },
    body: JSON.stringify(ds),
  });
  if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; iri: string; revision: number; modified: string };
}

export async function getJson<T = Record<string, unknown>>(path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: T; res: Response }> {
  const res = await SELF.fetch(`${BASE}${path}`, { headers });
  const body = (await res.json()) as T;
  return { status: res.status, body, res };
}

export async function harvest(body: string, type = "text/turtle", who = "iknl") {
  return SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { ...(await publisher(who)), "content-type": type }, body });
}

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
    ...overrides,
  };
}

/** An application for anonymised data (no pseudonymisation justification at all), as the fuzz and security suites send. */
export function anonymisedApplicationInput(datasetId: string): AccessApplicationInput {
  const { pseudonymisationJustification: _omit, ...rest } = applicationInput(datasetId, { dataForm: "anonymised", durationMonths: 12 });
  return rest;
}
