/** Setup of the AuditEvent tests: a patient with a choice and a log of questions by several providers (each checked). */
import { expect } from "vitest";
import { call, checkBody, citizenToken, freshBsn, providerToken } from "../helpers";

export const PROFESSIONAL = { uziNumber: "000095254", role: "01.015", mandatedBy: { uziNumber: "000012345", role: "01.015" } };

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Any = any;

async function expectStatus(p: Promise<{ status: number; body: unknown }>, status: number, what: string) {
  const r = await p;
  expect(r.status, `${what}: ${JSON.stringify(r.body)}`).toBe(status);
  return r;
}

/**
 * A patient whose log holds, oldest first: the citizen's choice (apotheek may get huisarts data), apotheek's question
 * with a professional under mandate, the huisarts (holder) asking on apotheek's behalf, ggz's question, and an
 * emergency declared by the ziekenhuis (break-the-glass).
 */
export async function patientWithLog() {
  const bsn = freshBsn();
  const t = await citizenToken(bsn);
  await expectStatus(
    call("POST", "/v1/me/choices", t, { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" }),
    201,
    "choice",
  );
  await expectStatus(
    call("POST", "/v1/consent-check", await providerToken("apotheek"), { ...checkBody(bsn, "huisarts", "apotheek", ["GGC002"]), professional: PROFESSIONAL }),
    200,
    "apotheek asks",
  );
  await expectStatus(
    call("POST", "/v1/consent-check", await providerToken("huisarts"), checkBody(bsn, "huisarts", "apotheek", ["GGC013"])),
    200,
    "holder asks for apotheek",
  );
  await expectStatus(call("POST", "/v1/consent-check", await providerToken("ggz"), checkBody(bsn, "huisarts", "ggz", ["GGC002"])), 200, "ggz asks");
  const btg = { ...checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]), breakTheGlass: { reason: "unconscious patient at the emergency department" } };
  await expectStatus(call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), btg), 200, "ziekenhuis declares an emergency");
  return { bsn, t };
}
