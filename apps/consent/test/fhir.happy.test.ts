import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { describe, expect, it } from "vitest";
import definitions from "./fixtures/fhir-r4-structure-definitions.json";

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
import { call, citizenToken, freshBsn, provider, providerToken } from "./helpers";

indexStructureDefinitionBundle(definitions as unknown as Bundle);

async function setUp() {
  const bsn = freshBsn();
  const t = await citizenToken(bsn);
  await call("POST", "/v1/me/choices", t, { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit", validUntil: "2030-01-01" });
  const deny = await call("POST", "/v1/me/choices", t, { holder: { ura: provider("huisarts").ura }, requester: { ura: provider("umc").ura }, dataCategory: "GGC013", decision: "deny" });
  const gone = await call("POST", "/v1/me/choices", t, { holder: { category: "ggz" }, requester: { category: "huisarts" }, dataCategory: "GGC012", decision: "permit" });
  await call("DELETE", `/v1/me/choices/${gone.body.id}`, t);
  return { bsn, t, denyId: deny.body.id as string };
}

describe("GET /fhir/Consent", () => {
  it("returns a searchset Bundle of Consent resources that pass FHIR R4 validation", async () => {
    const { bsn, t, denyId } = await setUp();
    const r = await call("GET", `/fhir/Consent?patient=${bsn}`, t);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    const bundle = r.body;
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 3 });
    expect(validateResource(bundle as Resource)).toEqual([]);
    for (const e of bundle.entry) expect(validateResource(e.resource)).toEqual([]);

    const deny = bundle.entry.find((e: { resource: { id: string } }) => e.resource.id === denyId).resource;
    expect(deny).toMatchObject({
      status: "active",
      scope: { coding: [{ code: "patient-privacy" }] },
      patient: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/bsn", value: bsn } },
      provision: {
        type: "deny",
        actor: [
          { role: { coding: [{ code: "CST" }] }, reference: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("huisarts").ura } } },
          { role: { coding: [{ code: "IRCP" }] }, reference: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("umc").ura } } },
        ],
        code: [{ coding: [{ code: "GGC013" }] }],
      },
    });
    const statuses = bundle.entry.map((e: { resource: { status: string } }) => e.resource.status).sort();
    expect(statuses).toEqual(["active", "active", "inactive"]);
    const withEnd = bundle.entry.find((e: { resource: { provision: { period?: { end?: string } } } }) => e.resource.provision.period?.end);
    expect(withEnd.resource.provision.period.end).toBe("2030-01-02T00:00:00.000Z");
  });

  it("the validator really rejects a broken Consent (sanity check of the validation itself)", () => {
    const broken = { resourceType: "Consent", status: "maybe", scope: { coding: [{ code: "patient-privacy" }] } } as unknown as Resource;
    expect(() => validateResource(broken)).toThrow();
  });

  it("accepts the system|value form of the patient parameter", async () => {
    const { bsn, t } = await setUp();
    const r = await call("GET", `/fhir/Consent?patient=${encodeURIComponent("http://fhir.nl/fhir/NamingSystem/bsn|" + bsn)}`, t);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(3);
  });

  it("a provider with a permit as requester may read; one without gets 403; both reads are logged", async () => {
    const { bsn, t } = await setUp();
    expect((await call("GET", `/fhir/Consent?patient=${bsn}`, await providerToken("apotheek"))).status).toBe(200);
    expect((await call("GET", `/fhir/Consent?patient=${bsn}`, await providerToken("lab"))).status).toBe(403);
    const reads = (await call("GET", "/v1/me/access-log", t)).body.items.filter((e: { action: string }) => e.action === "fhir-read");
    expect(reads.map((e: { outcome: string; actor: { ura: string } }) => [e.actor.ura, e.outcome])).toEqual([[provider("lab").ura, "deny"], [provider("apotheek").ura, "permit"]]);
  });

  it("an invalid BSN -> 400 without echoing it", async () => {
    const r = await call("GET", "/fhir/Consent?patient=123456789", await citizenToken(freshBsn()));
    expect(r.status).toBe(400);
    expect(JSON.stringify(r.body)).not.toContain("123456789");
  });
});
