import { env, SELF } from "cloudflare:test";
import type { AccessApplication, AccessApplicationInput, DatasetInput } from "@regie/shared/contracts/catalogue";
import { bearer } from "@regie/shared/testing/tokens";

export const BASE = "http://catalogue.test";
export const EHDS = "http://data.europa.eu/eli/reg/2025/327/oj";

export const publisher = (publisherId: string) => bearer(env, { role: "publisher", publisherId });
export const researcher = (sub = "researcher-anna") => bearer(env, { role: "researcher", sub, name: "Anna", organisation: "Erasmus MC" });
export const hdab = (sub = "hdab-nl") => bearer(env, { role: "hdab", sub });

/** A minimal conformant dataset (HealthDCAT-AP non-public level), shared with the benchmarks. */
export { minimalDataset } from "@regie/shared/testing/datasets";
export { anonymisedApplicationInput, applicationInput, dataRequestInput } from "./application-inputs";

export async function publish(publisherId: string, ds: DatasetInput) {
  const res = await SELF.fetch(`${BASE}/v1/datasets`, {
    method: "POST",
    headers: { ...(await publisher(publisherId)), "content-type": "application/json" },
    body: JSON.stringify(ds),
  });
  if (res.status !== 201) throw new Error(`publish answered ${res.status}: ${await res.text()}`);
  return (await res.json()) as { id: string; iri: string; revision: number; modified: string };
}

export async function getJson<T = Record<string, unknown>>(
  path: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: T; res: Response }> {
  const res = await SELF.fetch(`${BASE}${path}`, { headers });
  const body = (await res.json()) as T;
  return { status: res.status, body, res };
}

/** Bad queries of `path`, one for each value of each parameter: `badQueries("/x", { limit: ["0", "1000"] })` is `/x?limit=0`, `/x?limit=1000` (values as sent). */
export const badQueries = (path: string, values: Record<string, string[]>) =>
  Object.entries(values).flatMap(([param, vs]) => vs.map((v) => `${path}?${param}=${v}`));

export async function harvest(body: string, type = "text/turtle", who = "iknl") {
  return SELF.fetch(`${BASE}/v1/harvest`, { method: "POST", headers: { ...(await publisher(who)), "content-type": type }, body });
}

export async function api(path: string, headers: Record<string, string>, body?: unknown, method = body === undefined ? "GET" : "POST") {
  return SELF.fetch(`${BASE}${path}`, {
    method,
    headers: { ...headers, ...(body !== undefined ? { "content-type": "application/json" } : {}) },
    body: body !== undefined ? JSON.stringify(body) : undefined,
  });
}

/** A draft created and submitted by `sub` (default researcher-anna); throws unless both steps succeed. */
export async function submittedApplication(input: AccessApplicationInput, sub = "researcher-anna"): Promise<AccessApplication> {
  const who = await researcher(sub);
  const created = await api("/v1/access-applications", who, input);
  if (created.status !== 201) throw new Error(`create answered ${created.status}: ${await created.text()}`);
  const { id } = (await created.json()) as { id: string };
  const submitted = await api(`/v1/access-applications/${id}/submit`, who, undefined, "POST");
  if (submitted.status !== 200) throw new Error(`submit answered ${submitted.status}: ${await submitted.text()}`);
  return (await submitted.json()) as AccessApplication;
}
