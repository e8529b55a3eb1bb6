import { ChoiceInput, ConfirmChoiceRequest, SecondaryUseRequest, type Choice, type ChoiceVersion } from "@regie/shared/contracts/consent";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { categoryOf, organisationType } from "@regie/shared";
import { claimsOf, json, problem, validated } from "./common";

/** A child id of the shape the real service hands out: a pseudonym, 64 lowercase hex characters. */
export const NOOR_CHILD_ID = "4f1c9a0e7b3d2c5a8e6f0b1d9c7a3e5f2b4d6c8a0e1f3b5d7c9a2e4f6b8d0c1a";
export const PENDING_CODE = "K7Q2-9XPL";
/** Choice ids are UUIDs (the shared ChoiceId). */
export const PENDING_CHOICE_ID = "7d0f5a9e-3c1b-4e2a-9f6d-2b8c4a1e5f30";

interface Citizen {
  choices: Choice[];
  history: ChoiceVersion[];
  optOut: boolean;
  changedAt: string | null;
}

const citizens = new Map<string, Citizen>();
let counter = 0;

function citizen(key: string): Citizen {
  let c = citizens.get(key);
  if (!c) {
    c = { choices: [], history: [], optOut: false, changedAt: null };
    if (key === `child:${NOOR_CHILD_ID}`) {
      const now = new Date().toISOString();
      c.choices.push({ id: PENDING_CHOICE_ID, version: 1, holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit", validUntil: null, status: "pending", temporary: false, recordedBy: { role: "citizen" }, channel: "portal", createdAt: now, updatedAt: now });
    }
    citizens.set(key, c);
  }
  return c;
}

/** The consent service double: /v1/me/* for citizens, with a guardian's ?child= for Fatima's daughter Noor. */
export async function consentStub(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const claims = claimsOf(req);
  if (!claims) return problem(401, "A bearer token is required");
  if (req.method === "GET" && url.pathname === "/v1/organisations") return json(addressBook(url));
  if (claims.role !== "citizen") return problem(403, "This operation requires the role citizen");
  const bsn = String(claims.bsn);
  // Sem's token stands for one the service no longer accepts (expired or revoked at the source).
  if (bsn === DEMO_CITIZENS.find((p) => p.key === "sem")!.bsn) return problem(401, "The token has expired");
  const isFatima = bsn === DEMO_CITIZENS.find((p) => p.key === "fatima")!.bsn;
  const child = url.searchParams.get("child");
  if (child && !(isFatima && child === NOOR_CHILD_ID)) return problem(403, "You are not this child's guardian");
  const me = citizen(child ? `child:${child}` : bsn);
  const path = url.pathname;
  const now = new Date().toISOString();

  if (req.method === "GET" && path === "/v1/me/children") {
    return json({ items: isFatima ? [{ childId: NOOR_CHILD_ID, name: "Noor el Amrani", birthDate: "2014-06-21", age: 12, guardianManages: true, guardianRecords: false, pendingChoices: me === citizen(bsn) ? citizen(`child:${NOOR_CHILD_ID}`).choices.filter((c) => c.status === "pending").length : 0 }] : [] });
  }
  if (req.method === "GET" && path === "/v1/me/choices") return json({ items: me.choices.filter((c) => c.status !== "withdrawn") });
  if (req.method === "POST" && path === "/v1/me/choices") {
    const v = await validated(req, ChoiceInput);
    if (!v.ok) return v.res;
    const choice: Choice = { id: `c${++counter}`, version: 1, ...v.data, validUntil: v.data.validUntil ?? null, status: "active", temporary: false, recordedBy: { role: child ? "guardian" : "citizen" }, channel: "portal", createdAt: now, updatedAt: now };
    me.choices.push(choice);
    me.history.push({ ...choice, change: "created" });
    return json(choice, 201);
  }
  const one = /^\/v1\/me\/choices\/([^/]+)$/.exec(path);
  if (one) {
    const existing = me.choices.find((c) => c.id === decodeURIComponent(one[1]!) && c.status !== "withdrawn");
    if (!existing) return problem(404, "No such choice");
    if (req.method === "PUT") {
      const v = await validated(req, ChoiceInput);
      if (!v.ok) return v.res;
      Object.assign(existing, v.data, { validUntil: v.data.validUntil ?? null, version: existing.version + 1, updatedAt: now });
      me.history.push({ ...existing, change: "changed" });
      return json(existing);
    }
    if (req.method === "DELETE") {
      Object.assign(existing, { status: "withdrawn", version: existing.version + 1, updatedAt: now });
      me.history.push({ ...existing, change: "withdrawn" });
      return json(existing);
    }
  }
  if (req.method === "GET" && path === "/v1/me/history") return json({ items: me.history });
  if (req.method === "GET" && path === "/v1/me/notifications") {
    return json({ items: [{ id: "n1", kind: "choice-recorded-by-provider", message: "recorded by provider", choiceId: null, createdAt: "2026-11-01T10:00:00Z" }] });
  }
  if (req.method === "GET" && path === "/v1/me/access-log") {
    return json({
      items: [
        { seq: 1, eventId: "e1", action: "consent-check", at: "2026-11-20T09:30:00Z", outcome: "permit", actor: { role: "provider", ura: "00003003", organizationType: "J8", uziRole: null, name: "Apotheek Centraal" }, holderUra: "00002002", purpose: "TREAT", dataCategories: ["GGC013"], emergency: false, hash: "h1", prevHash: "h0" },
        {
          seq: 2, eventId: "e2", action: "emergency-access", at: "2026-11-21T02:10:00Z", outcome: "deny", actor: { role: "provider", ura: "00002002", organizationType: "V6", uziRole: null, name: null },
          holderUra: "00001001", purpose: "TREAT", dataCategories: ["GGC002"], emergency: false, temporaryConsent: false, breakTheGlass: true,
          emergencyReason: "bewusteloos op de spoedeisende hulp", hash: "h2", prevHash: "h1",
        },
      ],
    });
  }
  if (path === "/v1/me/secondary-use") {
    if (req.method === "PUT") {
      const v = await validated(req, SecondaryUseRequest);
      if (!v.ok) return v.res;
      me.optOut = v.data.optOut;
      me.changedAt = now;
    }
    return json({ optOut: me.optOut, changedAt: me.changedAt });
  }
  const confirm = /^\/v1\/me\/children\/([^/]+)\/confirmations$/.exec(path);
  if (req.method === "POST" && confirm) {
    if (!isFatima || confirm[1] !== NOOR_CHILD_ID) return problem(403, "You are not this child's guardian");
    const v = await validated(req, ConfirmChoiceRequest);
    if (!v.ok) return v.res;
    const kid = citizen(`child:${NOOR_CHILD_ID}`);
    const pending = kid.choices.find((c) => c.id === v.data.choiceId && c.status === "pending");
    if (!pending || v.data.code !== PENDING_CODE) return problem(400, "The confirmation code is not valid", [{ path: "/code", message: "wrong or expired code" }]);
    Object.assign(pending, { status: "active", version: pending.version + 1, updatedAt: now });
    return json(pending);
  }
  return problem(404, `No resource at ${req.method} ${path}`);
}

/** The address book double: the demo providers, found by a prefix of a word of their name or place, or by ?ura=. */
function addressBook(url: URL) {
  const all = DEMO_PROVIDERS.map((p) => ({
    ura: p.ura, name: p.name, organizationType: p.organizationType, organizationTypeDisplay: organisationType(p.organizationType)?.display ?? null,
    category: categoryOf(p.organizationType) ?? "overig", place: p.place, active: true, endpoints: [], updatedAt: "2026-11-01T00:00:00.000Z",
  }));
  const uras = url.searchParams.get("ura");
  if (uras) return { items: all.filter((o) => uras.split(",").includes(o.ura)), truncated: false };
  const words = (url.searchParams.get("q") ?? "").toLowerCase().split(/\s+/).filter(Boolean);
  const items = all.filter((o) => words.length > 0 && words.every((w) => `${o.name} ${o.place}`.toLowerCase().split(/[^a-z0-9]+/).some((x) => x.startsWith(w))));
  return { items, truncated: false };
}
