import { describe, expect, it } from "vitest";
import { call, categoryChoice, citizenToken, citizenWith, freshBsn, provider, providerToken } from "../helpers";
import { expectValidR4, fhirClient, fhirError, validR4 } from "./client";

const GGC = "http://fhir.nl/otv/CodeSystem/gegevenscategorie";
const RPZAC = "http://fhir.nl/otv/CodeSystem/raadplegende-zorgaanbiedercategorie";

async function setUp() {
  const { bsn, t, ids } = await citizenWith(
    { ...categoryChoice("huisarts", "apotheek", "GGC002"), validUntil: "2030-01-01" },
    { holder: { ura: provider("huisarts").ura }, requester: { ura: provider("umc").ura }, dataCategory: "GGC013", decision: "deny" },
    categoryChoice("ggz", "huisarts", "GGC012"),
  );
  await call("DELETE", `/v1/me/choices/${ids[2]}`, t);
  return { bsn, t, denyId: ids[1]! };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe("GET /fhir/Consent (fhir-kit-client)", () => {
  it("returns a searchset Bundle of Consent resources in Mitz's code systems that pass FHIR R4 validation", async () => {
    const { bsn, t, denyId } = await setUp();
    const bundle: Any = await fhirClient(t).search({ resourceType: "Consent", searchParams: { patient: bsn } });
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 3 });
    expectValidR4(bundle);

    const deny = bundle.entry.find((e: Any) => e.resource.id === denyId).resource;
    expect(deny).toMatchObject({
      status: "active",
      scope: { coding: [{ code: "patient-privacy" }] },
      category: [{ coding: [{ system: GGC, code: "GGC013", display: "Medicatiegegevens" }] }, { coding: [{ system: "http://loinc.org", code: "59284-0" }] }],
      patient: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/bsn", value: bsn } },
      provision: {
        type: "deny",
        actor: [
          {
            role: { coding: [{ code: "CST" }] },
            reference: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("huisarts").ura } },
          },
          { role: { coding: [{ code: "IRCP" }] }, reference: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("umc").ura } } },
        ],
        purpose: [{ code: "TREAT" }, { code: "COC" }],
      },
    });
    const byCategory = bundle.entry.find((e: Any) => e.resource.provision.period?.end).resource;
    expect(byCategory.provision.period.end).toBe("2030-01-02T00:00:00.000Z");
    expect(byCategory.extension).toEqual([
      {
        url: "http://fhir.nl/StructureDefinition/OTV-ProviderCategory",
        valueCodeableConcept: {
          coding: [
            { system: RPZAC, code: "RPZAC005", display: "Apotheken" },
            { system: "https://regie.nl/fhir/CodeSystem/provider-category", code: "apotheek" },
          ],
        },
      },
      {
        url: "https://regie.nl/fhir/StructureDefinition/holder-category",
        valueCodeableConcept: { coding: [{ system: "https://regie.nl/fhir/CodeSystem/provider-category", code: "huisarts" }] },
      },
    ]);
    const statuses = bundle.entry.map((e: Any) => e.resource.status).sort();
    expect(statuses).toEqual(["active", "active", "inactive"]);
    expect(JSON.stringify(bundle)).not.toContain("regie.nl/fhir/CodeSystem/data-category");
  });

  it("the validator really rejects a broken Consent (sanity check of the validation itself)", () => {
    expect(() => validR4({ resourceType: "Consent", status: "maybe", scope: { coding: [{ code: "patient-privacy" }] } })).toThrow();
  });

  it("accepts the system|value form of the patient parameter", async () => {
    const { bsn, t } = await setUp();
    const bundle: Any = await fhirClient(t).search({ resourceType: "Consent", searchParams: { patient: "http://fhir.nl/fhir/NamingSystem/bsn|" + bsn } });
    expect(bundle.total).toBe(3);
  });

  it("a provider with a permit as requester may read; one without gets 403 (an OperationOutcome); both reads are logged", async () => {
    const { bsn, t } = await setUp();
    const ok: Any = await fhirClient(await providerToken("apotheek")).search({ resourceType: "Consent", searchParams: { patient: bsn } });
    expect(ok.total).toBe(3);
    const refused = await fhirError(fhirClient(await providerToken("lab")).search({ resourceType: "Consent", searchParams: { patient: bsn } }));
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "forbidden" }] });
    expectValidR4(refused.data);
    const reads = (await call("GET", "/v1/me/access-log", t)).body.items.filter((e: { action: string }) => e.action === "fhir-read");
    expect(reads.map((e: { outcome: string; actor: { ura: string } }) => [e.actor.ura, e.outcome])).toEqual([
      [provider("lab").ura, "deny"],
      [provider("apotheek").ura, "permit"],
    ]);
  });

  it("an invalid BSN -> 400 OperationOutcome without echoing it; a missing patient -> 400", async () => {
    const client = fhirClient(await citizenToken(freshBsn()));
    const bad = await fhirError(client.search({ resourceType: "Consent", searchParams: { patient: "123456789" } }));
    expect(bad.status).toBe(400);
    expect(bad.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "invalid", expression: ["patient"] }] });
    expect(JSON.stringify(bad.data)).not.toContain("123456789");
    expectValidR4(bad.data);
    expect((await fhirError(client.search({ resourceType: "Consent", searchParams: {} }))).status).toBe(400);
  });

  it("no token -> 401 OperationOutcome; an unknown FHIR path -> 404 OperationOutcome", async () => {
    const anon = await fhirError(fhirClient().search({ resourceType: "Consent", searchParams: { patient: freshBsn() } }));
    expect(anon.status).toBe(401);
    expect(anon.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "login" }] });
    const missing = await fhirError(fhirClient(await citizenToken(freshBsn())).read({ resourceType: "Basic", id: "x" }));
    expect(missing.status).toBe(404);
    expect(missing.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "not-found" }] });
  });
});
