/**
 * A small typed client for the consent registry. Works over global `fetch` or a service binding (`Fetcher`).
 * Responses are parsed with the contract schemas (a body that does not match throws `UnexpectedResponseError`);
 * error answers throw `ConsentClientError` carrying the problem+json body.
 */
import type { z } from "@hono/zod-openapi";
import {
  AccessLog,
  AccessLogVerification,
  ChildList,
  Choice,
  ChoiceHistory,
  ChoiceList,
  ChoiceResult,
  CohortFilterResponse,
  ConsentCheckResponse,
  FhirBundle,
  LocateResponse,
  NotificationList,
  DirectoryOrganisation,
  OrganisationSearchResult,
  ProviderNotificationList,
  SecondaryUseState,
  Subscription,
  TemporaryConsentResponse,
  type ChoiceInput,
  type CohortFilterRequest,
  type ConfirmChoiceRequest,
  type ConsentCheckRequest,
  type LocateRequest,
  type SubscriptionRequest,
  type TemporaryConsentRequest,
} from "../contracts/consent";
import type { Problem } from "../http/problem";
import { readBody, readProblem } from "./response";

export interface ConsentClientOptions {
  /** e.g. http://localhost:8788 (with a service binding any origin works, e.g. https://consent.internal) */
  baseUrl: string;
  /** A bearer token (string) or a function returning one per call. */
  token?: string | (() => string | Promise<string>);
  /** Service binding or custom fetch; default: global fetch. */
  fetcher?: { fetch: typeof fetch } | typeof fetch;
}

export interface RequestOptions {
  /** Sent as Idempotency-Key on creating POSTs. */
  idempotencyKey?: string;
  /** A guardian acting for a child (id from children()). */
  child?: string;
}

export class ConsentClientError extends Error {
  readonly status: number;
  readonly problem: Problem | undefined;
  constructor(status: number, problem: Problem | undefined) {
    super(problem?.detail ?? problem?.title ?? `Consent service answered ${status}`);
    this.name = "ConsentClientError";
    this.status = status;
    this.problem = problem;
  }
}

export function createConsentClient(opts: ConsentClientOptions) {
  const base = opts.baseUrl.replace(/\/$/, "");
  const doFetch: typeof fetch =
    typeof opts.fetcher === "function"
      ? opts.fetcher
      : opts.fetcher
        ? (i, init) => (opts.fetcher as { fetch: typeof fetch }).fetch(i, init)
        : (i, init) => fetch(i, init);

  async function call<S extends z.ZodType>(schema: S, method: string, path: string, body?: unknown, ro: RequestOptions = {}): Promise<z.infer<S>> {
    const headers: Record<string, string> = { accept: "application/json" };
    const token = typeof opts.token === "function" ? await opts.token() : opts.token;
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers["content-type"] = "application/json";
    if (ro.idempotencyKey) headers["idempotency-key"] = ro.idempotencyKey;
    let url = base + path;
    if (ro.child) url += (url.includes("?") ? "&" : "?") + "child=" + encodeURIComponent(ro.child);
    const res = await doFetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    if (!res.ok) throw new ConsentClientError(res.status, await readProblem(res));
    return readBody("consent service", res, schema);
  }

  return {
    // provider
    check: (req: ConsentCheckRequest) => call(ConsentCheckResponse, "POST", "/v1/consent-check", req),
    locate: (req: LocateRequest) => call(LocateResponse, "POST", "/v1/locate", req),
    subscribe: (req: SubscriptionRequest, ro?: RequestOptions) => call(Subscription, "POST", "/v1/subscriptions", req, ro),
    recordForPatient: (bsn: string, choice: ChoiceInput, ro?: RequestOptions) =>
      call(ChoiceResult, "POST", "/v1/provider/choices", { patient: { bsn }, choice }, ro),
    temporaryConsent: (req: TemporaryConsentRequest, ro?: RequestOptions) => call(TemporaryConsentResponse, "POST", "/v1/temporary-consent", req, ro),
    providerNotifications: () => call(ProviderNotificationList, "GET", "/v1/provider/notifications"),
    // citizen (ro.child: a guardian acting for a child)
    listChoices: (ro?: RequestOptions) => call(ChoiceList, "GET", "/v1/me/choices", undefined, ro),
    recordChoice: (choice: ChoiceInput, ro?: RequestOptions) => call(ChoiceResult, "POST", "/v1/me/choices", choice, ro),
    changeChoice: (id: string, choice: ChoiceInput, ro?: RequestOptions) => call(ChoiceResult, "PUT", `/v1/me/choices/${encodeURIComponent(id)}`, choice, ro),
    withdrawChoice: (id: string, ro?: RequestOptions) => call(Choice, "DELETE", `/v1/me/choices/${encodeURIComponent(id)}`, undefined, ro),
    /** One page, oldest first; `page.after` is the previous page's `next`. */
    history: (ro?: RequestOptions, page: { limit?: number; after?: number } = {}) => {
      const q = new URLSearchParams();
      if (page.limit !== undefined) q.set("limit", String(page.limit));
      if (page.after !== undefined) q.set("after", String(page.after));
      return call(ChoiceHistory, "GET", "/v1/me/history" + (q.size ? "?" + q.toString() : ""), undefined, ro);
    },
    /** One page, newest first; `page.before` is the previous page's `next`. */
    accessLog: (ro?: RequestOptions, page: { limit?: number; before?: number } = {}) => {
      const q = new URLSearchParams();
      if (page.limit !== undefined) q.set("limit", String(page.limit));
      if (page.before !== undefined) q.set("before", String(page.before));
      return call(AccessLog, "GET", "/v1/me/access-log" + (q.size ? "?" + q.toString() : ""), undefined, ro);
    },
    verifyAccessLog: (ro?: RequestOptions) => call(AccessLogVerification, "GET", "/v1/me/access-log/verify", undefined, ro),
    notifications: (ro?: RequestOptions) => call(NotificationList, "GET", "/v1/me/notifications", undefined, ro),
    secondaryUse: () => call(SecondaryUseState, "GET", "/v1/me/secondary-use"),
    setSecondaryUse: (optOut: boolean) => call(SecondaryUseState, "PUT", "/v1/me/secondary-use", { optOut }),
    children: () => call(ChildList, "GET", "/v1/me/children"),
    confirmChildChoice: (childId: string, req: ConfirmChoiceRequest) =>
      call(Choice, "POST", `/v1/me/children/${encodeURIComponent(childId)}/confirmations`, req),
    fhirConsents: (bsn: string) => call(FhirBundle, "GET", `/fhir/Consent?patient=${encodeURIComponent(bsn)}`),
    // address book (every role)
    /** Search by name and place (`q`, `place`), or exactly the organisations of `ura` (at most 100). */
    organisations: (query: {
      q?: string;
      place?: string;
      type?: string;
      category?: string;
      ura?: readonly string[];
      includeInactive?: boolean;
      limit?: number;
    }) => {
      const p = new URLSearchParams();
      if (query.q) p.set("q", query.q);
      if (query.place) p.set("place", query.place);
      if (query.type) p.set("type", query.type);
      if (query.category) p.set("category", query.category);
      if (query.ura?.length) p.set("ura", query.ura.join(","));
      if (query.includeInactive) p.set("includeInactive", "true");
      if (query.limit !== undefined) p.set("limit", String(query.limit));
      return call(OrganisationSearchResult, "GET", "/v1/organisations?" + p.toString());
    },
    organisation: (ura: string) => call(DirectoryOrganisation, "GET", `/v1/organisations/${encodeURIComponent(ura)}`),
    // hdab
    cohortFilter: (req: CohortFilterRequest) => call(CohortFilterResponse, "POST", "/v1/secondary-use/cohort-filter", req),
  };
}

export type ConsentClient = ReturnType<typeof createConsentClient>;
