import { describe, expect, it } from "vitest";
import { FULL_URL_SYSTEM, planMigration } from "../../src/fhir/migration-bundle";
import { migrationBundle, recordedConsent, sourceProvenance } from "./recorded";

const gp = { ura: "00001001", organizationType: "Z3" };
const A = "999990019";
const B = "999990032";
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const plan = (b: any) => planMigration(b, gp);

describe("planning a migration Bundle (pure)", () => {
  it("groups choices by patient, keys them by identifier or fullUrl, attaches each Provenance to its Consent", () => {
    const b = migrationBundle([
      {
        consent: recordedConsent(A, { holder: "huisarts", requester: "apotheek", identifier: "a1" }),
        provenance: (u) => sourceProvenance(u, "huisarts", "2022-02-02T02:02:02Z"),
      },
      { consent: recordedConsent(B, { holder: "huisarts", requester: "umc" }), fullUrl: "urn:uuid:0b7c1c3e-2d56-4a8e-9f4f-5c7b1a2e3d4f" },
    ]);
    const p = plan(b);
    expect(p.alone).toEqual([]);
    expect(p.patients.map((x) => [x.bsn, x.entries, x.failures.length])).toEqual([
      [A, [0, 1], 0],
      [B, [2], 0],
    ]);
    const [a] = p.patients[0]!.items;
    expect(a).toMatchObject({
      consentIndex: 0,
      provenanceIndex: 1,
      provenance: { recorded: Date.parse("2022-02-02T02:02:02Z"), agent: { ura: gp.ura, uziNumber: "900012345" } },
    });
    expect(a!.provenance.source).toEqual({ system: "https://his.example.org/consent-id", value: "a1" });
    expect(p.patients[1]!.items[0]!.provenance.source).toEqual({ system: FULL_URL_SYSTEM, value: "urn:uuid:0b7c1c3e-2d56-4a8e-9f4f-5c7b1a2e3d4f" });
  });

  it("an invalid entry fails its patient with the element named; an entry of no known patient fails alone", () => {
    const b = migrationBundle([
      { consent: recordedConsent(A, { holder: "huisarts", requester: "apotheek", identifier: "a1" }) },
      { consent: recordedConsent(A, { holder: "huisarts", requester: "apotheek", identifier: "a1" }) },
      { consent: recordedConsent("123456789", { holder: "huisarts", requester: "umc" }) },
    ]);
    (b.entry as unknown[]).push({ resource: { resourceType: "Patient" }, request: { method: "POST", url: "Patient" } });
    const p = plan(b);
    expect(p.patients[0]!.failures).toEqual([
      { index: 1, status: 400, errors: [{ path: "/Bundle/entry/1/resource/identifier", message: expect.stringContaining("same identifier") }] },
    ]);
    expect(p.alone.map((f) => [f.index, f.errors[0]!.path])).toEqual([
      [2, "/Bundle/entry/2/resource/patient/identifier/value"],
      [3, "/Bundle/entry/3/resource/resourceType"],
    ]);
  });

  it("a Provenance naming another organisation, or targeting no Consent of the Bundle, is invalid; a non-party Consent is 403", () => {
    const b = migrationBundle([
      { consent: recordedConsent(A, { holder: "huisarts", requester: "apotheek", identifier: "a1" }), provenance: (u) => sourceProvenance(u, "ziekenhuis") },
      { consent: recordedConsent(B, { holder: "lab", requester: "umc", identifier: "b1" }) },
    ]);
    (b.entry as unknown[]).push({ resource: sourceProvenance("urn:uuid:nowhere", "huisarts"), request: { method: "POST", url: "Provenance" } });
    const p = plan(b);
    expect(p.patients[0]!.failures.map((f) => f.errors[0]!.path)).toEqual(["/Bundle/entry/1/resource/agent/1/who"]);
    expect(p.patients[1]!.failures).toMatchObject([{ index: 2, status: 403 }]);
    expect(p.alone.map((f) => f.index)).toEqual([3]);
  });
});
