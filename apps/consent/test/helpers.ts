/** Test helpers: tokens for the demo identities, JSON calls through SELF, seeding. */
import { env, SELF } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { isValidBsn, pseudonymise, type ProviderCategory } from "@regie/shared";
import type { Choice } from "@regie/shared/contracts/consent";

export const BASE = "http://consent.test";

/** The citizen's read routes (each takes ?child= for a child under 16). */
export const CITIZEN_READS = [
  "/v1/me/choices",
  "/v1/me/history",
  "/v1/me/access-log",
  "/v1/me/access-log/verify",
  "/v1/me/notifications",
  "/v1/me/secondary-use",
  "/v1/me/children",
];

export const provider = (key: string) => DEMO_PROVIDERS.find((p) => p.key === key)!;
export const demoCitizen = (key: string) => DEMO_CITIZENS.find((p) => p.key === key)!;

export async function providerToken(key: string): Promise<string> {
  const p = provider(key);
  return mintToken(env, { role: "provider", ura: p.ura, organizationType: p.organizationType, ...(p.uziRole ? { uziRole: p.uziRole } : {}) });
}

export async function citizenToken(bsn: string): Promise<string> {
  return mintToken(env, { role: "citizen", bsn });
}

export async function hdabToken(): Promise<string> {
  return mintToken(env, { role: "hdab", sub: "hdab-nl" });
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export interface CallResult<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function call<T = any>(
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<CallResult<T>> {
  const h: Record<string, string> = { ...headers };
  if (token) h.authorization = `Bearer ${token}`;
  if (body !== undefined && !h["content-type"]) h["content-type"] = "application/json";
  const res = await SELF.fetch(BASE + path, {
    method,
    headers: h,
    body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: res.headers };
}

/** A citizen's choice by category: `holder` may (permit) or may not (deny) share `dataCategory` with `requester`. */
export const categoryChoice = (holder: string, requester: string, dataCategory: string, decision: "permit" | "deny" = "permit") => ({
  holder: { category: holder },
  requester: { category: requester },
  dataCategory,
  decision,
});

/** The fields a care choice has both in the decision engine (EvaluableChoice) and as stored (Choice); validUntil apart (ms there, an ISO string here). */
type CareChoiceBase = Pick<Choice, "holder" | "requester" | "dataCategory" | "decision" | "status" | "temporary">;

/** A permit of `holder` to `requester` (by category) for `dataCategory` that is in force: active, open-ended (validUntil null), not temporary. */
export const permitInForce = (holder: ProviderCategory, requester: ProviderCategory, dataCategory: string): CareChoiceBase & { validUntil: null } => ({
  holder: { category: holder },
  requester: { category: requester },
  dataCategory,
  decision: "permit",
  validUntil: null,
  status: "active",
  temporary: false,
});

/** A fresh citizen (BSN, token `t`) who has recorded `choices` through POST /v1/me/choices, in order; `ids`: the choices'. */
export async function citizenWith(...choices: object[]): Promise<{ bsn: string; t: string; ids: string[] }> {
  const bsn = freshBsn();
  const t = await citizenToken(bsn);
  const ids: string[] = [];
  for (const choice of choices) {
    const r = await call("POST", "/v1/me/choices", t, choice);
    if (r.status !== 201) throw new Error("recording a choice failed: " + JSON.stringify(r.body));
    ids.push(r.body.id as string);
  }
  return { bsn, t, ids };
}

export async function seed(): Promise<void> {
  const r = await call("POST", "/dev/seed");
  if (r.status !== 200) throw new Error("seed failed: " + JSON.stringify(r.body));
}

/** A fresh valid BSN per call (test range 9xxxxxxxx, 11-proef), so tests in one file do not share citizens. */
let counter = Math.floor(Math.random() * 1_000_000);
export function freshBsn(): string {
  for (;;) {
    counter = (counter + 1) % 10_000_000;
    const head = "9" + String(counter).padStart(7, "0");
    let sum = 0;
    for (let i = 0; i < 8; i++) sum += (9 - i) * Number(head[i]);
    const last = sum % 11;
    if (last === 10) continue;
    const bsn = head + String(last);
    if (isValidBsn(bsn)) return bsn;
  }
}

export const pseudonym = (bsn: string) => pseudonymise(bsn, env.PSEUDONYM_KEY);

/** Registers a person in the BRP stand-in (birth date and guardians), as the BRP would know them. */
export async function registerPerson(bsn: string, birthDate: string, guardianBsns: string[] = []): Promise<string> {
  const p = await pseudonym(bsn);
  await env.DB.prepare("INSERT OR REPLACE INTO brp_persons (pseudonym, name, birth_date) VALUES (?, NULL, ?)").bind(p, birthDate).run();
  for (const g of guardianBsns)
    await env.DB.prepare("INSERT OR IGNORE INTO brp_guardians (guardian, child) VALUES (?, ?)")
      .bind(await pseudonym(g), p)
      .run();
  return p;
}

/** A birth date that makes someone exactly `years` old today (birthday `daysAgo` days ago). */
export function birthDateForAge(years: number, daysAgo = 10): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - daysAgo);
  d.setUTCFullYear(d.getUTCFullYear() - years);
  return d.toISOString().slice(0, 10);
}

export function checkBody(bsn: string, holderKey: string, requesterKey: string, dataCategories: string[], purpose: "TREAT" | "COC" = "TREAT") {
  const h = provider(holderKey);
  const r = provider(requesterKey);
  return {
    patient: { bsn },
    holder: { ura: h.ura, organizationType: h.organizationType },
    requester: { ura: r.ura, organizationType: r.organizationType, ...(r.uziRole ? { uziRole: r.uziRole } : {}) },
    purpose,
    dataCategories,
  };
}
