/** Fixtures and calls of the DCAT-AP 3 resource tests (data services, dataset series, revisions). */
import { SELF } from "cloudflare:test";
import type { DataServiceInput, DatasetSeriesInput } from "@regie/shared/contracts/catalogue";
import { BASE, EHDS, publisher } from "./helpers";

export function serviceInput(overrides: Partial<DataServiceInput> = {}): DataServiceInput {
  return {
    identifier: `SVC-${crypto.randomUUID().slice(0, 8)}`,
    title: { nl: "Kankerregistratie-API", en: "Cancer registry API" },
    description: { en: "A FHIR API giving access to the registry's aggregated figures." },
    endpointURL: ["https://api.example.nl/fhir"],
    endpointDescription: ["https://api.example.nl/fhir/metadata"],
    publisher: { name: { nl: "IKNL" }, contactPoint: { email: "info@iknl.example" } },
    contactPoint: [{ email: "api@iknl.example" }],
    license: "http://publications.europa.eu/resource/authority/licence/CC_BY_4_0",
    accessRights: "http://publications.europa.eu/resource/authority/access-right/PUBLIC",
    applicableLegislation: [EHDS],
    ...overrides,
  };
}

export function seriesInput(overrides: Partial<DatasetSeriesInput> = {}): DatasetSeriesInput {
  return {
    identifier: `SER-${crypto.randomUUID().slice(0, 8)}`,
    title: { nl: "Jaarcijfers kanker", en: "Annual cancer figures" },
    description: { en: "One dataset per year." },
    applicableLegislation: [EHDS],
    publisher: { name: { nl: "IKNL" }, contactPoint: { email: "info@iknl.example" } },
    accrualPeriodicity: "http://publications.europa.eu/resource/authority/frequency/ANNUAL",
    ...overrides,
  };
}

export async function call(method: string, path: string, who?: string, body?: unknown, headers: Record<string, string> = {}) {
  const auth = who ? await publisher(who) : {};
  return SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...auth, ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
}

/** Publishes and checks the answer (201). */
export async function created<T = { id: string; iri: string; revision: number }>(path: string, who: string, body: unknown): Promise<T> {
  const res = await call("POST", path, who, body);
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
}
