/** A family in the BRP stand-in (a parent and one child of a given age), and the answer a provider gets about the child. */
import { expect } from "vitest";
import { birthDateForAge, call, checkBody, citizenToken, freshBsn, providerToken, registerPerson } from "./helpers";

export const choice = { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" };

export async function family(childAge: number) {
  const parent = freshBsn();
  const child = freshBsn();
  await registerPerson(parent, birthDateForAge(42));
  const childId = await registerPerson(child, birthDateForAge(childAge), [parent]);
  return { parent, child, childId };
}

export const decisionFor = async (bsn: string) =>
  (await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "apotheek", ["GGC002"]))).body.decisions[0].decision;

/** A 12–15-year-old records a choice herself: pending, with the koppelcode (checked). */
export async function pendingChildChoice(childAge = 13) {
  const f = await family(childAge);
  const rec = await call("POST", "/v1/me/choices", await citizenToken(f.child), choice);
  expect(rec.status, JSON.stringify(rec.body)).toBe(201);
  expect(rec.body.status).toBe("pending");
  return { ...f, choiceId: rec.body.id as string, code: rec.body.confirmation.code as string };
}
