/**
 * CSRF on every form the portal has (not just one): each POST route refuses a missing token, a forged
 * token, a token from another session, another Origin and cross-site fetch metadata with 403.
 */
import { describe, expect, it, vi } from "vitest";
import { Browser } from "../helpers";

vi.setConfig({ testTimeout: 60_000 });

const FORMS: { path: string; page: string; who: string; fields: Record<string, string> }[] = [
  {
    path: "/mijn/keuzes",
    page: "/mijn/keuzes/nieuw",
    who: "citizen:jan",
    fields: { holderKind: "category", holder: "huisarts", requesterKind: "category", requester: "apotheek", dataCategory: "GGC002", decision: "permit" },
  },
  { path: "/mijn/keuzes/x/wijzigen", page: "/mijn", who: "citizen:jan", fields: { decision: "deny" } },
  { path: "/mijn/keuzes/x/intrekken", page: "/mijn", who: "citizen:jan", fields: {} },
  { path: "/mijn/onderzoek", page: "/mijn/onderzoek", who: "citizen:jan", fields: { optOut: "true" } },
  { path: "/mijn/kinderen/x/bevestigen", page: "/mijn/kinderen", who: "citizen:fatima", fields: { choiceId: "x", code: "123456" } },
  { path: "/hdab/aanvragen/x", page: "/hdab", who: "hdab:hdab-nl", fields: { status: "under_review" } },
  { path: "/onderzoek/datasets/x/aanvragen", page: "/onderzoek", who: "researcher:researcher-anna", fields: { kind: "data_access" } },
  { path: "/onderzoek/aanvragen/x", page: "/onderzoek", who: "researcher:researcher-anna", fields: { purpose: "SCIENTIFIC_RESEARCH", action: "save" } },
  { path: "/onderzoek/aanvragen/x/antwoord", page: "/onderzoek", who: "researcher:researcher-anna", fields: { answer: "2010-2024" } },
  {
    path: "/onderzoek/aanvragen/x/medeonderzoekers",
    page: "/onderzoek",
    who: "researcher:researcher-anna",
    fields: { id: "researcher-tom", name: "Tom", email: "t@example.nl" },
  },
  { path: "/onderzoek/aanvragen/x/verwijderen", page: "/onderzoek", who: "researcher:researcher-anna", fields: {} },
  { path: "/onderzoek/aanvragen/x/medeonderzoekers/researcher-tom/verwijderen", page: "/onderzoek", who: "researcher:researcher-anna", fields: {} },
  { path: "/onderzoek/aanvragen/x/bijlagen", page: "/onderzoek", who: "researcher:researcher-anna", fields: {} },
  { path: "/hdab/aanvragen/x/verlengen", page: "/hdab", who: "hdab:hdab-nl", fields: { extendReasons: "Complex" } },
  { path: "/inloggen/demo", page: "/inloggen", who: "", fields: { identity: "citizen:jan" } },
];

describe("CSRF protection on every form post", () => {
  for (const form of FORMS) {
    it(`POST ${form.path}`, async () => {
      const victim = new Browser();
      if (form.who) expect((await victim.login(form.who)).status).toBe(303);
      const { csrf } = await victim.open(form.page);
      expect(csrf, "the page has a CSRF token").toBeTruthy();
      const attacker = new Browser();
      if (form.who) await attacker.login(form.who);
      const attackerCsrf = (await attacker.open(form.page)).csrf;

      const attempts: [string, Record<string, string>, Record<string, string>][] = [
        ["no token", form.fields, {}],
        ["forged token", { ...form.fields, _csrf: "A".repeat(csrf.length) }, {}],
        ["empty token", { ...form.fields, _csrf: "" }, {}],
        ["another session's token", { ...form.fields, _csrf: attackerCsrf }, {}],
        ["another origin", { ...form.fields, _csrf: csrf }, { origin: "https://evil.example" }],
        ["opaque origin", { ...form.fields, _csrf: csrf }, { origin: "null" }],
        ["cross-site fetch", { ...form.fields, _csrf: csrf }, { "sec-fetch-site": "cross-site" }],
      ];
      for (const [what, fields, headers] of attempts) {
        const res = await victim.post(form.path, fields, headers);
        expect(res.status, `${what}: ${(await res.text()).slice(0, 200)}`).toBe(403);
      }
    });
  }
});
