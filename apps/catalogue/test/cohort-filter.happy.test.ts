/**
 * The cohort filter of an approved application through the real consent worker (an auxiliary worker behind the
 * catalogue's CONSENT binding, test/workerd-suite.ts): citizens opt out in the consent service through its own
 * citizen API, the HDAB filters the permit's cohort through the catalogue, and the consent service's answer is what
 * the catalogue returns. When the consent service fails, the filter fails closed: a problem answer, never the
 * unfiltered cohort, and no BSN in it.
 */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { bearer } from "@regie/shared/testing/tokens";
import { anonymisedApplicationInput, api, hdab, minimalDataset, publish, submittedApplication } from "./helpers";

const OPTED_OUT = ["999990019", "999990032"];
const STAYS = ["999990007", "999990044"];

/** PUT /v1/me/secondary-use on the consent worker, as the citizen (a token from the issuer both services trust). */
async function optOut(bsn: string, optOut = true): Promise<void> {
  const res = await env.CONSENT.fetch("https://consent.internal/v1/me/secondary-use", {
    method: "PUT",
    headers: { ...(await bearer(env, { role: "citizen", bsn })), "content-type": "application/json" },
    body: JSON.stringify({ optOut }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  expect(((await res.json()) as { optOut: boolean }).optOut).toBe(optOut);
}

/**
 * An application approved by the HDAB now. The catalogue records approvedAt to the second (the consent service its
 * opt-outs to the millisecond), so the approval waits for the next whole second: every opt-out recorded before this
 * call is then before the approval.
 */
async function approvedApplication(): Promise<string> {
  await new Promise((r) => setTimeout(r, 1000 - (Date.now() % 1000) + 5));
  const { id } = await submittedApplication(anonymisedApplicationInput((await publish("iknl", minimalDataset())).id));
  for (const body of [{ status: "under_review" }, { status: "approved", reasons: "ok for statistics" }]) {
    const res = await api(`/v1/access-applications/${id}/status`, await hdab(), body);
    expect(res.status, await res.clone().text()).toBe(200);
  }
  return id;
}

const filter = async (id: string, bsns: string[]) => api(`/v1/access-applications/${id}/cohort-filter`, await hdab(), { bsns });

describe("cohort filter through the real consent worker", () => {
  it("leaves out exactly the citizens who opted out before the permit was approved", async () => {
    for (const bsn of OPTED_OUT) await optOut(bsn);
    // a citizen who opted out and back in again is not left out
    await optOut(STAYS[1]!);
    await optOut(STAYS[1]!, false);
    const id = await approvedApplication();

    const res = await filter(id, [STAYS[0]!, OPTED_OUT[0]!, STAYS[1]!, OPTED_OUT[1]!]);
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await res.json()).toEqual({ included: STAYS, excludedCount: 2 });
  });

  it("an opt-out recorded after the approval does not apply to that permit", async () => {
    const id = await approvedApplication();
    await new Promise((r) => setTimeout(r, 5));
    await optOut(STAYS[0]!);
    expect(await (await filter(id, [STAYS[0]!])).json()).toEqual({ included: [STAYS[0]], excludedCount: 0 });
  });

  it("fails closed when the consent service fails: a 503 problem answer without the cohort or any BSN", async () => {
    const id = await approvedApplication();
    expect((await filter(id, STAYS)).status).toBe(200);
    // the consent service loses the opt-out list (its storage fails under it)
    await env.CONSENT_DB.exec("DROP TABLE secondary_use_optouts");
    const res = await filter(id, [...STAYS, ...OPTED_OUT]);
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 503, detail: expect.stringMatching(/consent service/i) });
    for (const bsn of [...STAYS, ...OPTED_OUT]) expect(text).not.toContain(bsn);
  });
});
