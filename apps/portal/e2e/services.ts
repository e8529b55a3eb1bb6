/** What every e2e file shares about the running stack (started by ./global-setup.ts): its addresses, tokens, logging in. */
import type { Page } from "playwright-core";
import { expect, inject } from "vitest";
import type { DemoProvider } from "@regie/shared/demo";
import { clickAndExpectUrl } from "./browser";

export const portal = inject("portal");
export const consent = inject("consent");
export const catalogue = inject("catalogue");

/** A token from the portal's development issuer (asked on 127.0.0.1: Node's fetch may try ::1 for localhost first). */
export async function devToken(claims: object): Promise<string> {
  const res = await fetch(`${portal.replace("localhost", "127.0.0.1")}/dev/token`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(claims),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The requester asks the consent registry the closed question about the citizen (it lands in their access log). */
export async function consentCheck(bsn: string, holder: DemoProvider, requester: DemoProvider, dataCategory: string): Promise<string> {
  const token = await devToken({ role: "provider", ura: requester.ura, organizationType: requester.organizationType });
  const res = await fetch(`${consent}/v1/consent-check`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({
      patient: { bsn },
      holder: { ura: holder.ura, organizationType: holder.organizationType },
      requester: { ura: requester.ura, organizationType: requester.organizationType },
      purpose: "TREAT",
      dataCategories: [dataCategory],
    }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { decisions: { decision: string }[] }).decisions[0]!.decision;
}

/** Clicks the development login button of this demo user on the login page the browser is on. */
export async function clickLogin(page: Page, name: string, landing: RegExp) {
  await clickAndExpectUrl(page, () => page.getByRole("button", { name: `Inloggen als ${name}` }).click(), landing);
}

/** Opens the login page (with ?next= when given) and logs in as this demo user; fails unless the browser lands on `landing`. */
export async function loginAs(page: Page, name: string, landing: RegExp = /\/mijn$/, next?: string) {
  await page.goto(next ? `${portal}/inloggen?next=${encodeURIComponent(next)}` : `${portal}/inloggen`);
  await clickLogin(page, name, landing);
}
