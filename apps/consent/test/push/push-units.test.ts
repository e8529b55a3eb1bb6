// Pure parts of push: the retry schedule, message sizes and sendBatch groups, the criteria parser, sealing, the Bundle.
import { env } from "cloudflare:test";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCriteria } from "../../src/fhir/subscription-resource";
import { retryDelaySeconds } from "../../src/push/delivery";
import { MAX_MESSAGE_BYTES, SEND_BATCH_BYTES, SEND_BATCH_MESSAGES, sendBatches, splitBySize, type PushMessage } from "../../src/push/message";
import { notificationBundle } from "../../src/push/notification";
import { seal, unseal } from "../../src/push/sealed";
import { freshBsn } from "../helpers";
import { r4Issues } from "./fhir-support";
import { storedConsent } from "./fixtures";

const choice = (i: number, note = "") =>
  storedConsent({
    recordedBy: { role: "citizen", ...(note ? { organizationType: note } : {}) },
    createdAt: new Date(i).toISOString(),
    updatedAt: new Date(i).toISOString(),
  });
const message = (n: number, pad = ""): PushMessage => ({
  v: 1,
  notificationId: crypto.randomUUID(),
  subscriptionId: crypto.randomUUID(),
  subscriber: { ura: "00001001", organizationType: "Z3" },
  endpoint: "https://ehr.example.nl/hook",
  headersSealed: null,
  patientSealed: "v1.x",
  consents: Array.from({ length: n }, (_, i) => choice(i, pad)),
  at: 0,
});
const size = (m: unknown) => new TextEncoder().encode(JSON.stringify(m)).length;

describe("retry schedule", () => {
  it("doubles from the base and stops at an hour", () => {
    expect([1, 2, 3, 4, 5].map((a) => retryDelaySeconds(a, 10))).toEqual([10, 20, 40, 80, 160]);
    expect(retryDelaySeconds(10, 10)).toBe(3600);
    expect(retryDelaySeconds(1, 1)).toBe(1);
  });

  it("property: never negative, never above an hour (Cloudflare allows 12 hours), and never shorter for a later attempt", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 600 }), (attempts, base) => {
        const d = retryDelaySeconds(attempts, base);
        expect(d).toBeGreaterThanOrEqual(0);
        expect(d).toBeLessThanOrEqual(3600);
        expect(retryDelaySeconds(attempts + 1, base)).toBeGreaterThanOrEqual(d);
      }),
    );
  });
});

describe("queue message sizes", () => {
  it("the largest change one write makes (a temporary consent for every data category) is one message far below 64 KB", () => {
    const m = message(20);
    expect(splitBySize(m)).toEqual([m]);
    expect(size(m)).toBeLessThan(MAX_MESSAGE_BYTES / 4);
  });

  it("property: split messages each stay at or under the bound and together carry every consent once", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 0, max: 2000 }), (n, padding) => {
        const m = message(n, "x".repeat(padding));
        const parts = splitBySize(m, 16 * 1024);
        for (const p of parts) if (p.consents.length > 1) expect(size(p)).toBeLessThanOrEqual(16 * 1024);
        expect(parts.flatMap((p) => p.consents.map((c) => c.id))).toEqual(m.consents.map((c) => c.id));
        expect(new Set(parts.map((p) => p.notificationId)).size).toBe(parts.length);
      }),
      { numRuns: 40 },
    );
  });

  it("property: sendBatch groups hold at most 50 messages and 128 KB, in order", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 200 }), (counts) => {
        const msgs = counts.map((n) => message(n));
        const groups = sendBatches(msgs);
        expect(groups.flat()).toEqual(msgs);
        for (const g of groups) {
          expect(g.length).toBeLessThanOrEqual(SEND_BATCH_MESSAGES);
          if (g.length > 1) expect(g.reduce((s, m) => s + size(m), 0)).toBeLessThanOrEqual(SEND_BATCH_BYTES);
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe("criteria (Mitz OTV)", () => {
  it("parses patientid, providerid and providertype, and refuses anything else", () => {
    const bsn = freshBsn();
    expect(parseCriteria(`Consent?_query=otv&patientid=${bsn}&providerid=00001001&providertype=Z3`)).toEqual({
      ok: true,
      value: { bsn, ura: "00001001", organizationType: "Z3" },
    });
    // the example's line break inside the criteria is tolerated
    expect(parseCriteria(`Consent?_query=otv\n&patientid=${bsn}&providerid=00001001&providertype=Z3`).ok).toBe(true);
    for (const bad of [
      `Patient?_query=otv&patientid=${bsn}&providerid=00001001&providertype=Z3`,
      `Consent?patientid=${bsn}&providerid=00001001&providertype=Z3`,
      `Consent?_query=otv&patientid=${bsn}&providerid=00001001&providertype=Z3&extra=1`,
      `Consent?_query=otv&patientid=${bsn}&patientid=${bsn}&providerid=00001001&providertype=Z3`,
      `Consent?_query=otv&patientid=123456789&providerid=00001001&providertype=Z3`,
      `Consent?_query=otv&patientid=${bsn}&providerid=ABC&providertype=Z3`,
      `Consent?_query=otv&patientid=${bsn}&providerid=00001001&providertype=QQ`,
      `Consent?_query=otv&patientid=${bsn}&providerid=00001001`,
    ]) {
      const r = parseCriteria(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).not.toContain("123456789");
    }
  });
});

describe("sealing", () => {
  it("opens what it sealed, only for the same purpose and key; never stores the plain text", async () => {
    const bsn = freshBsn();
    const sealed = await seal(bsn, "patient", env.PSEUDONYM_KEY);
    expect(sealed).not.toContain(bsn);
    expect(await seal(bsn, "patient", env.PSEUDONYM_KEY)).not.toBe(sealed);
    expect(await unseal(sealed, "patient", env.PSEUDONYM_KEY)).toBe(bsn);
    await expect(unseal(sealed, "headers", env.PSEUDONYM_KEY)).rejects.toThrow();
    await expect(unseal(sealed, "patient", "another-key-0123456789abcdef-0123")).rejects.toThrow();
    await expect(unseal(sealed.slice(0, -2) + "AA", "patient", env.PSEUDONYM_KEY)).rejects.toThrow();
  });
});

describe("notification Bundle", () => {
  it("is a valid R4 transaction of Consent + Patient + Organization whose Consents point at the Patient entry", () => {
    const bsn = freshBsn();
    const m = message(3);
    const b = notificationBundle(m, bsn);
    expect(r4Issues(b)).toEqual([]);
    for (const e of b.entry) expect(r4Issues(e.resource)).toEqual([]);
    const patient = b.entry.find((e) => e.resource.resourceType === "Patient")!;
    const consents = b.entry.filter((e) => e.resource.resourceType === "Consent");
    expect(consents).toHaveLength(3);
    for (const c of consents) expect((c.resource as { patient: { reference: string } }).patient.reference).toBe(patient.fullUrl);
    expect(new Set(b.entry.map((e) => e.fullUrl)).size).toBe(b.entry.length);
    // the same message gives the same Bundle (a redelivery is identical)
    expect(notificationBundle(m, bsn)).toEqual(b);
  });
});
