/**
 * A small typed client for the catalogue service (the portal uses it). `fetcher` is a service binding's
 * `fetch` or the global `fetch`; `baseUrl` the catalogue's origin (any origin works through a binding).
 * Responses are parsed with the contract schemas (a body that does not match throws `UnexpectedResponseError`);
 * error answers throw `CatalogueError` carrying the problem+json body.
 */
import type { z } from "@hono/zod-openapi";
import {
  AccessApplication,
  AccessApplicationList,
  ApplicationCohortFilterResponse,
  Attachment,
  AttachmentList,
  NotificationList,
  Permit,
  PermitList,
  Dataset,
  DatasetQuality,
  FACET_FIELDS,
  HarvestJobList,
  HarvestSourceList,
  SearchResponse,
  Vocabularies,
  type ApplicationDraftInput,
  type ApplicationStatus,
  type CollaboratorInput,
  type ApplicationStatusChange,
  type SearchQuery,
} from "../contracts/catalogue";
import type { Problem } from "../http/problem";
import { readBody, readProblem } from "./response";

export type Fetcher = (input: string | Request, init?: RequestInit) => Promise<Response>;

export class CatalogueError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | undefined,
  ) {
    super(problem?.detail ?? problem?.title ?? `catalogue answered ${status}`);
    this.name = "CatalogueError";
  }
}

/** Query string for GET /v1/datasets (facet values as repeated parameters). */
export function searchParams(query: SearchQuery): URLSearchParams {
  const p = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) for (const v of value) p.append(key, String(v));
    else p.set(key, String(value));
  }
  return p;
}

export function catalogueClient(opts: { baseUrl: string; fetcher?: Fetcher; token?: string }) {
  const fetcher: Fetcher = opts.fetcher ?? ((i, init) => fetch(i, init));
  const base = opts.baseUrl.replace(/\/$/, "");

  async function call<S extends z.ZodType>(schema: S, path: string, init: RequestInit = {}, token = opts.token): Promise<z.infer<S>> {
    const headers = new Headers(init.headers);
    headers.set("accept", "application/json");
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (init.body && !headers.has("content-type")) headers.set("content-type", "application/json");
    const res = await fetcher(`${base}${path}`, { ...init, headers });
    if (!res.ok) throw new CatalogueError(res.status, await readProblem(res));
    return readBody("catalogue", res, schema);
  }

  return {
    facetFields: FACET_FIELDS,
    search: (query: SearchQuery = {}) => call(SearchResponse, `/v1/datasets?${searchParams(query)}`),
    dataset: (id: string) => call(Dataset, `/v1/datasets/${encodeURIComponent(id)}`),
    /** the dataset's MQA quality score in detail */
    datasetQuality: (id: string) => call(DatasetQuality, `/v1/datasets/${encodeURIComponent(id)}/quality`),
    /** publisher: its harvest sources with their last job */
    harvestSources: (token?: string) => call(HarvestSourceList, "/v1/harvest-sources", {}, token),
    /** publisher: a source's job history, newest first */
    harvestJobs: (id: string, token?: string) => call(HarvestJobList, `/v1/harvest-sources/${encodeURIComponent(id)}/jobs`, {}, token),
    /** researcher: start a draft (every field optional) */
    createDraft: (input: ApplicationDraftInput, token?: string) =>
      call(AccessApplication, "/v1/access-applications", { method: "POST", body: JSON.stringify(input) }, token),
    /** applicant or collaborator: edit a draft (or an application waiting for information) */
    editApplication: (id: string, patch: ApplicationDraftInput, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}`, { method: "PATCH", body: JSON.stringify(patch) }, token),
    /** applicant: submit (422 lists what is missing) */
    submitApplication: (id: string, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}/submit`, { method: "POST" }, token),
    /** applicant: delete a draft and its attachments */
    deleteDraft: async (id: string, token = opts.token) => {
      const headers = new Headers(token ? { authorization: `Bearer ${token}` } : {});
      const res = await fetcher(`${base}/v1/access-applications/${encodeURIComponent(id)}`, { method: "DELETE", headers });
      if (!res.ok) throw new CatalogueError(res.status, await readProblem(res));
    },
    answerInformationRequest: (id: string, answer: string, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}/answer`, { method: "POST", body: JSON.stringify({ answer }) }, token),
    extendDeadline: (id: string, reasons: string, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}/extend`, { method: "POST", body: JSON.stringify({ reasons }) }, token),
    addCollaborator: (id: string, collaborator: CollaboratorInput, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}/collaborators`, { method: "POST", body: JSON.stringify(collaborator) }, token),
    removeCollaborator: (id: string, collaboratorId: string, token?: string) =>
      call(
        AccessApplication,
        `/v1/access-applications/${encodeURIComponent(id)}/collaborators/${encodeURIComponent(collaboratorId)}`,
        { method: "DELETE" },
        token,
      ),
    attachments: (id: string, token?: string) => call(AttachmentList, `/v1/access-applications/${encodeURIComponent(id)}/attachments`, {}, token),
    /** applicant or collaborator: the file's bytes with its media type */
    uploadAttachment: (id: string, file: { name: string; type: string; bytes: ArrayBuffer | Uint8Array }, token?: string) =>
      call(
        Attachment,
        `/v1/access-applications/${encodeURIComponent(id)}/attachments?name=${encodeURIComponent(file.name)}`,
        { method: "POST", body: file.bytes as BodyInit, headers: { "content-type": file.type } },
        token,
      ),
    /** researcher: notifications about own and shared applications */
    notifications: (token?: string) => call(NotificationList, "/v1/me/notifications", {}, token),
    /** public: the register of permits and answered data requests */
    permits: (page: { limit?: number; offset?: number } = {}) => call(PermitList, `/v1/permits?limit=${page.limit ?? 50}&offset=${page.offset ?? 0}`, {}, ""),
    permit: (id: string) => call(Permit, `/v1/permits/${encodeURIComponent(id)}`, {}, ""),
    myApplications: (token?: string) => call(AccessApplicationList, "/v1/access-applications", {}, token),
    application: (id: string, token?: string) => call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}`, {}, token),
    /** HDAB: all applications, optionally by status */
    applications: (status?: ApplicationStatus, token?: string) =>
      call(AccessApplicationList, `/v1/access-applications${status ? `?status=${encodeURIComponent(status)}` : ""}`, {}, token),
    /** HDAB: a review step (under_review, approved, rejected with reasons) */
    changeStatus: (id: string, change: ApplicationStatusChange, token?: string) =>
      call(AccessApplication, `/v1/access-applications/${encodeURIComponent(id)}/status`, { method: "POST", body: JSON.stringify(change) }, token),
    /** HDAB: filter the cohort of an approved application by the EHDS opt-out (via the consent service) */
    cohortFilter: (id: string, bsns: string[], token?: string) =>
      call(
        ApplicationCohortFilterResponse,
        `/v1/access-applications/${encodeURIComponent(id)}/cohort-filter`,
        { method: "POST", body: JSON.stringify({ bsns }) },
        token,
      ),
    vocabularies: () => call(Vocabularies, "/v1/vocabularies"),
  };
}
export type CatalogueClient = ReturnType<typeof catalogueClient>;
