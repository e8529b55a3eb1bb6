/**
 * The catalogue's EHDS applications as a test double: drafts, submission (422 listing what is missing, from the
 * shared contract's completeness check), the HDAB's steps, answers, the extension, collaborators, attachments,
 * notifications, permits and the register. Deadlines are a fixed 3 (or 6) months after submission; the real
 * rules are tested in the catalogue.
 */
import {
  APPLICATION_NEXT_STATUSES, ApplicationDraftInput, ApplicationStatusChange, CollaboratorInput, InformationAnswer, DeadlineExtension, missingForSubmission,
  type AccessApplication, type Attachment, type Permit,
} from "@regie/shared/contracts/catalogue";
import { json, problem, validated } from "./common";

const applications: AccessApplication[] = [];
const files = new Map<string, { meta: Attachment; bytes: Uint8Array }>();
/** One permit that ended in 2025, so the register and the permit page show an expired one. */
const permits: Permit[] = [
  {
    id: "EHDS-NL-2024-0000000E", kind: "data_access", applicationId: "app-old", organisation: "Nivel", datasetIds: ["ds-2"], purpose: "PUBLIC_HEALTH", purposeDescription: "Griepgolf 2024 per regio.",
    conditions: ["Geen export van microdata"], processingEnvironment: "HDAB SPE", dataForm: "pseudonymised", issuedAt: "2024-03-01T10:00:00Z", startDate: "2024-03-01", endDate: "2025-02-28", status: "expired",
  },
];
const notifications: { recipient: string; id: string; applicationId: string; event: string; status: string; message: string; at: string }[] = [];

function deadline(a: AccessApplication): AccessApplication["deadline"] {
  if (!a.submittedAt || a.status === "approved" || a.status === "rejected") return null;
  const extended = a.history.some((h) => h.note === "extended");
  const due = new Date(a.submittedAt);
  due.setUTCMonth(due.getUTCMonth() + (extended ? 6 : 3));
  const paused = a.status === "information_requested" ? a.updatedAt : null;
  return { dueAt: due.toISOString(), months: extended ? 6 : 3, extended, pausedSince: paused, overdue: false, daysLeft: Math.floor((due.getTime() - Date.now()) / 86_400_000) };
}
const out = (a: AccessApplication) => ({ ...a, deadline: deadline(a) });
function note(a: AccessApplication, event: string) {
  const at = new Date().toISOString();
  for (const r of [a.researcher, ...a.collaborators.map((c) => c.id)]) notifications.push({ recipient: r, id: crypto.randomUUID(), applicationId: a.id, event, status: a.status, message: event, at });
}

export async function applicationsStub(req: Request, claims: Record<string, unknown> | undefined): Promise<Response | undefined> {
  const url = new URL(req.url);
  const path = url.pathname;
  if (req.method === "GET" && path === "/v1/permits") return json({ items: permits, total: permits.length });
  const permit = /^\/v1\/permits\/([^/]+)$/.exec(path);
  if (req.method === "GET" && permit) {
    const p = permits.find((x) => x.id === decodeURIComponent(permit[1]!));
    return p ? json(p) : problem(404, "No such permit");
  }
  if (!path.startsWith("/v1/access-applications") && path !== "/v1/me/notifications") return undefined;
  if (!claims) return problem(401, "A bearer token is required");
  const sub = String(claims.sub);
  if (path === "/v1/me/notifications") return claims.role === "researcher" ? json({ items: notifications.filter((n) => n.recipient === sub) }) : problem(403, "researchers only");
  const now = new Date().toISOString();
  if (req.method === "POST" && path === "/v1/access-applications") {
    if (claims.role !== "researcher") return problem(403, "researchers only");
    const v = await validated(req, ApplicationDraftInput);
    if (!v.ok) return v.res;
    const app: AccessApplication = {
      ...v.data, id: `app-${applications.length + 1}`, researcher: sub, kind: v.data.kind ?? "data_access", datasetIds: v.data.datasetIds ?? [], applicant: v.data.applicant ?? {}, status: "draft",
      collaborators: [], informationRequests: [], reasons: null, createdAt: now, updatedAt: now, submittedAt: null, approvedAt: null, permitId: null, history: [{ status: "draft", at: now, by: sub }], deadline: null,
    };
    applications.push(app);
    return json(app, 201);
  }
  const role = (a: AccessApplication) => (claims.role === "hdab" ? (a.status === "draft" ? null : "hdab") : a.researcher === sub ? "applicant" : a.collaborators.some((c) => c.id === sub) ? "collaborator" : null);
  if (req.method === "GET" && path === "/v1/access-applications") return json({ items: applications.filter((a) => role(a)).map(out) });
  const m = /^\/v1\/access-applications\/([^/]+)(?:\/([a-z]+))?(?:\/([^/]+))?$/.exec(path);
  const app = m && applications.find((a) => a.id === m[1]);
  const r = app && role(app);
  if (!m || !app || !r) return problem(404, "No such application");
  const [, , op, sub2] = m;
  const editable = app.status === "draft" || app.status === "information_requested";
  if (!op && req.method === "GET") return json(out(app));
  if (!op && req.method === "PATCH") {
    if (r === "hdab") return problem(403, "not the HDAB");
    if (!editable) return problem(409, "cannot be edited");
    const v = await validated(req, ApplicationDraftInput);
    if (!v.ok) return v.res;
    Object.assign(app, { ...v.data, applicant: { ...app.applicant, ...v.data.applicant }, updatedAt: now });
    return json(out(app));
  }
  if (!op && req.method === "DELETE") {
    if (r !== "applicant") return problem(403, "applicant only");
    if (app.status !== "draft") return problem(409, "only drafts");
    applications.splice(applications.indexOf(app), 1);
    return new Response(null, { status: 204 });
  }
  if (op === "submit") {
    if (r !== "applicant") return problem(403, "applicant only");
    if (app.status !== "draft") return problem(409, "already submitted");
    const missing = missingForSubmission(app);
    if (missing.length) return problem(422, "The application is not complete", missing);
    Object.assign(app, { status: "submitted", submittedAt: now, updatedAt: now });
    app.history.push({ status: "submitted", at: now, by: sub });
    note(app, "submitted");
    return json(out(app));
  }
  if (op === "status") {
    if (r !== "hdab") return problem(403, "hdab only");
    const v = await validated(req, ApplicationStatusChange);
    if (!v.ok) return v.res;
    if (!APPLICATION_NEXT_STATUSES[app.status].includes(v.data.status)) return problem(409, `An application that is ${app.status} cannot become ${v.data.status}`);
    Object.assign(app, { status: v.data.status, updatedAt: now });
    if (v.data.status === "information_requested") app.informationRequests.push({ question: v.data.question!, askedAt: now, answer: null, answeredAt: null });
    if (v.data.status === "approved" || v.data.status === "rejected") app.reasons = v.data.reasons ?? null;
    if (v.data.status === "approved") {
      app.approvedAt = now;
      app.permitId = `EHDS-NL-2026-${String(permits.length + 1).padStart(8, "0")}`;
      permits.push({
        id: app.permitId, kind: app.kind, applicationId: app.id, organisation: app.applicant.organisation ?? "", datasetIds: app.datasetIds, purpose: app.purpose ?? "", purposeDescription: app.purposeDescription ?? "",
        conditions: v.data.conditions ?? [], processingEnvironment: app.processingEnvironment ?? null, dataForm: app.dataForm ?? null, issuedAt: now, startDate: now.slice(0, 10), endDate: v.data.endDate ?? "2099-12-31", status: "active",
      });
    }
    app.history.push({ status: v.data.status, at: now, by: sub, ...(v.data.reasons ? { reasons: v.data.reasons } : {}) });
    note(app, v.data.status);
    return json(out(app));
  }
  if (op === "answer") {
    if (r !== "applicant") return problem(403, "applicant only");
    const v = await validated(req, InformationAnswer);
    if (!v.ok) return v.res;
    if (app.status !== "information_requested") return problem(409, "No information was requested");
    Object.assign(app.informationRequests.at(-1)!, { answer: v.data.answer, answeredAt: now });
    Object.assign(app, { status: "under_review", updatedAt: now });
    app.history.push({ status: "under_review", at: now, by: sub, note: "answered" });
    note(app, "answered");
    return json(out(app));
  }
  if (op === "extend") {
    if (r !== "hdab") return problem(403, "hdab only");
    const v = await validated(req, DeadlineExtension);
    if (!v.ok) return v.res;
    if (app.history.some((h) => h.note === "extended")) return problem(409, "already extended");
    app.history.push({ status: app.status, at: now, by: sub, reasons: v.data.reasons, note: "extended" });
    return json(out(app));
  }
  if (op === "collaborators") {
    if (r !== "applicant") return problem(403, "applicant only");
    if (req.method === "DELETE") {
      app.collaborators = app.collaborators.filter((c) => c.id !== decodeURIComponent(sub2 ?? ""));
      return json(out(app));
    }
    const v = await validated(req, CollaboratorInput);
    if (!v.ok) return v.res;
    if (app.collaborators.some((c) => c.id === v.data.id)) return problem(409, "already a collaborator");
    app.collaborators.push({ ...v.data, addedAt: now });
    return json(out(app));
  }
  if (op === "attachments") {
    if (req.method === "GET" && !sub2) return json({ items: [...files.values()].filter((f) => f.meta.applicationId === app.id).map((f) => f.meta) });
    if (req.method === "GET") {
      const f = files.get(decodeURIComponent(sub2!));
      if (!f || f.meta.applicationId !== app.id) return problem(404, "No such attachment");
      return new Response(f.bytes, { headers: { "content-type": f.meta.contentType, "content-disposition": `attachment; filename="${f.meta.name}"` } });
    }
    if (req.method === "POST") {
      if (r === "hdab") return problem(403, "not the HDAB");
      if (!editable) return problem(409, "submitted");
      const bytes = new Uint8Array(await req.arrayBuffer());
      const type = req.headers.get("content-type") ?? "";
      if (type !== "application/pdf" || new TextDecoder().decode(bytes.slice(0, 5)) !== "%PDF-") return problem(415, "the file's content is not PDF");
      const meta: Attachment = { id: `file-${files.size + 1}`, applicationId: app.id, name: url.searchParams.get("name") ?? "file.pdf", contentType: type, size: bytes.length, uploadedBy: sub, uploadedAt: now };
      files.set(meta.id, { meta, bytes });
      return json(meta, 201);
    }
  }
  return problem(404, `No resource at ${req.method} ${path}`);
}
