/**
 * Fuzzing the portal: the development issuer (a JSON API: 2xx or 4xx problem+json), and the pages and
 * forms (HTML: any answer but a 5xx, and never our hostile markup reflected unescaped), with hostile
 * query values, path segments and form fields, signed in and signed out.
 */
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { bodyText, checkAnswer, uriComponent, hostileBody, hostileString } from "@regie/shared/testing";
import { Browser, ORIGIN } from "../helpers";

vi.setConfig({ testTimeout: 120_000, hookTimeout: 60_000 });
const RUNS = 40;
const MARKER = "<img src=x onerror=alert(1)>";

/** No 5xx, and the marker never appears as live markup. */
async function expectPageSafe(res: Response, context: string) {
  const text = await res.text();
  expect(res.status, `${context}: ${text.slice(0, 300)}`).toBeLessThan(500);
  expect(text.includes(MARKER), `${context}: reflects markup unescaped`).toBe(false);
}

const withMarker = fc.oneof(
  hostileString,
  hostileString.map((s) => s + MARKER),
  fc.constant(MARKER),
);

describe("development issuer POST /dev/token", () => {
  it("hostile bodies: 2xx or 4xx problem+json", async () => {
    await fc.assert(
      fc.asyncProperty(hostileBody({ role: "citizen", bsn: "999990007", expiresIn: 60 }), async (body) => {
        const text = bodyText(body);
        const res = await SELF.fetch(`${ORIGIN}/dev/token`, { method: "POST", headers: { "content-type": "application/json" }, body: text });
        const verdict = await checkAnswer(res);
        expect(verdict.ok, `${text.slice(0, 150)}: ${verdict.why}`).toBe(true);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});

describe("pages with hostile query values and path segments", () => {
  const browsers: Record<string, Browser> = {};

  beforeAll(async () => {
    browsers.anonymous = new Browser();
    for (const who of ["citizen:jan", "researcher:researcher-anna", "hdab:hdab-nl"]) {
      const b = new Browser();
      const res = await b.login(who);
      expect(res.status, `login as ${who}`).toBe(303);
      browsers[who] = b;
    }
  });

  const pages = [
    "/",
    "/inloggen",
    "/onderzoek",
    "/onderzoek/aanvragen",
    "/mijn",
    "/mijn/berichten",
    "/mijn/geschiedenis",
    "/mijn/inzage",
    "/mijn/keuzes/nieuw",
    "/mijn/kinderen",
    "/mijn/onderzoek",
    "/hdab",
    "/zorgaanbieders",
    "/register",
    "/onderzoek/meldingen",
  ];
  const withId = [
    "/hdab/aanvragen/:id",
    "/mijn/keuzes/:id/intrekken",
    "/mijn/keuzes/:id/wijzigen",
    "/onderzoek/aanvragen/:id",
    "/onderzoek/datasets/:id",
    "/onderzoek/datasets/:id/aanvragen",
    "/onderzoek/datasets/:id/metadata.jsonld",
    "/onderzoek/datasets/:id/metadata.ttl",
    "/vergunningen/:id",
    "/onderzoek/aanvragen/:id/bijlagen/:id",
    "/hdab/aanvragen/:id/bijlagen/:id",
  ];

  it("GET pages with hostile q, sort, page, cursor, lang, next and t", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("anonymous", "citizen:jan", "researcher:researcher-anna", "hdab:hdab-nl"),
        fc.constantFrom(...pages),
        fc.array(fc.tuple(fc.constantFrom("q", "sort", "page", "cursor", "lang", "next", "t", "theme", "healthCategory", "child"), withMarker), {
          minLength: 1,
          maxLength: 4,
        }),
        async (who, page, pairs) => {
          const q = new URLSearchParams(pairs);
          await expectPageSafe(await browsers[who]!.get(`${page}?${q}`), `${who} GET ${page}?${q.toString().slice(0, 150)}`);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("GET pages with hostile ids", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom("anonymous", "citizen:jan", "researcher:researcher-anna", "hdab:hdab-nl"),
        fc.constantFrom(...withId),
        withMarker,
        async (who, pattern, id) => {
          const path = pattern.replace(":id", uriComponent(id));
          await expectPageSafe(await browsers[who]!.get(path), `${who} GET ${path.slice(0, 150)}`);
        },
      ),
      { numRuns: RUNS * 2 },
    );
  });

  it("form posts with hostile fields, with and without a valid CSRF token", async () => {
    const forms: { path: string; page: string; who: string; fields: string[] }[] = [
      {
        path: "/mijn/keuzes",
        page: "/mijn/keuzes/nieuw",
        who: "citizen:jan",
        fields: ["holderKind", "holder", "requesterKind", "requester", "dataCategory", "decision", "validUntil", "child"],
      },
      { path: "/mijn/keuzes/x/intrekken", page: "/mijn", who: "citizen:jan", fields: ["child"] },
      { path: "/mijn/keuzes/x/wijzigen", page: "/mijn", who: "citizen:jan", fields: ["holderKind", "holder", "decision", "validUntil"] },
      { path: "/mijn/kinderen/x/bevestigen", page: "/mijn/kinderen", who: "citizen:jan", fields: ["choiceId", "code"] },
      { path: "/hdab/aanvragen/x", page: "/hdab", who: "hdab:hdab-nl", fields: ["status", "reasons"] },
      { path: "/onderzoek/datasets/x/aanvragen", page: "/onderzoek", who: "researcher:researcher-anna", fields: ["kind"] },
      {
        path: "/onderzoek/aanvragen/app-1",
        page: "/onderzoek",
        who: "researcher:researcher-anna",
        fields: ["purpose", "purposeDescription", "dataForm", "durationMonths", "action"],
      },
      { path: "/hdab/aanvragen/app-1/verlengen", page: "/hdab", who: "hdab:hdab-nl", fields: ["extendReasons"] },
      { path: "/inloggen/demo", page: "/inloggen", who: "anonymous", fields: ["identity", "next"] },
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...forms), fc.array(withMarker, { minLength: 8, maxLength: 8 }), fc.boolean(), async (form, values, validCsrf) => {
        const browser = browsers[form.who]!;
        const { csrf } = await browser.open(form.page);
        const fields: Record<string, string> = { _csrf: validCsrf ? csrf : values[7]! };
        form.fields.forEach((f, i) => (fields[f] = values[i]!));
        await expectPageSafe(await browser.post(form.path, fields), `${form.who} POST ${form.path} ${JSON.stringify(fields).slice(0, 200)}`);
      }),
      { numRuns: RUNS * 2 },
    );
  });
});
