/**
 * Catalogue -> consent through the real service binding: the HDAB filters the cohort of an approved data access
 * application by the EHDS Art. 71 opt-out; an opt-out counts only for permits approved after it.
 */
import type { AccessApplication, AccessApplicationInput } from "@regie/shared/contracts/catalogue";
import { describe, expect, it } from "vitest";
import { catalogue, consent, devToken } from "./services";

const JAN = "999990007";
const FATIMA = "999990019"; // opted out of secondary use by the demo seed, before any permit here
const NOOR = "999990020";
const DAAN = "999990056"; // opts out in this test, after the permit

async function token(claims: Record<string, unknown>): Promise<Record<string, string>> {
  return { authorization: `Bearer ${await devToken(claims)}` };
}

/** Polls the consent service (up to 10 s) until a permit approved from now on would exclude this BSN. */
async function excludedByConsent(hdab: Record<string, string>, bsn: string): Promise<boolean> {
  for (let i = 0; i < 50; i++) {
    const res = await post(`${consent}/v1/secondary-use/cohort-filter`, hdab, { bsns: [bsn], permitApprovedAt: new Date(Date.now() + 1000).toISOString() });
    if (((await res.json()) as { included: string[] }).included.length === 0) return true;
    await new Promise((r) => setTimeout(r, 200));
  }
  return false;
}

async function post(url: string, auth: Record<string, string>, body: unknown, method = "POST") {
  return fetch(url, { method, headers: { ...auth, "content-type": "application/json" }, body: JSON.stringify(body) });
}

describe("cohort filter of an approved application, through the consent service", () => {
  it("excludes earlier opt-outs, keeps later ones out of this permit, and needs an approved application", async () => {
    const hdabToken = await token({ role: "hdab", sub: "hdab-nl" });
    // The seed's opt-out reaches the consent service's opt-out list through the shard's outbox: wait for it.
    expect(await excludedByConsent(hdabToken, FATIMA)).toBe(true);
    const researcher = await token({ role: "researcher", sub: "researcher-tom", name: "Tom Peeters", organisation: "Universiteit Maastricht" });
    const hdab = await token({ role: "hdab", sub: "hdab-nl" });
    const daan = await token({ role: "citizen", bsn: DAAN });

    const search = (await (await fetch(`${catalogue}/v1/datasets?limit=1`)).json()) as { items: { id: string }[] };
    const input: AccessApplicationInput = {
      datasetIds: [search.items[0]!.id],
      applicant: { name: "Tom Peeters", organisation: "Universiteit Maastricht", email: "tom@example.nl" },
      purpose: "SCIENTIFIC_RESEARCH",
      purposeDescription: "Regional differences in follow-up care after a hospital stay.",
      requestedData: "Admissions and follow-up contacts",
      dataForm: "anonymised",
      safeguards: "Secure processing environment, no export of microdata",
      durationMonths: 12,
      processingEnvironment: "HDAB secure processing environment",
      legalBasis: "PUBLIC_TASK",
      expectedOutputs: "Tables of follow-up contacts per region",
      notProhibitedDeclaration: true,
      ethicsAssessmentRequired: false,
    };
    const created = await post(`${catalogue}/v1/access-applications`, researcher, input);
    expect(created.status).toBe(201);
    const app = (await created.json()) as AccessApplication;
    // a draft until the applicant submits it
    expect((await fetch(`${catalogue}/v1/access-applications/${app.id}/submit`, { method: "POST", headers: researcher })).status).toBe(200);
    const filterUrl = `${catalogue}/v1/access-applications/${app.id}/cohort-filter`;
    const cohort = { bsns: [JAN, FATIMA, NOOR, DAAN] };

    expect((await post(filterUrl, hdab, cohort)).status).toBe(409); // not approved yet
    expect((await post(`${catalogue}/v1/access-applications/${app.id}/status`, hdab, { status: "under_review" })).status).toBe(200);
    expect((await post(`${catalogue}/v1/access-applications/${app.id}/status`, hdab, { status: "approved" })).status).toBe(200);

    const before = await post(filterUrl, hdab, cohort);
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ included: [JAN, NOOR, DAAN], excludedCount: 1 });

    // Daan opts out after the approval; wait until the consent service's opt-out list has it.
    expect((await post(`${consent}/v1/me/secondary-use`, daan, { optOut: true }, "PUT")).status).toBe(200);
    expect(await excludedByConsent(hdab, DAAN)).toBe(true);

    const after = await post(filterUrl, hdab, cohort);
    expect(await after.json()).toEqual({ included: [JAN, NOOR, DAAN], excludedCount: 1 });

    expect((await post(filterUrl, researcher, cohort)).status).toBe(403); // only the HDAB filters cohorts
  });
});
