import { Client } from "fhir-kit-client";
import { describe, expect, it } from "vitest";
import { birthDateForAge, call, checkBody, citizenToken, freshBsn, provider, providerToken, registerPerson } from "../helpers";
import { expectValidR4, fhirClient } from "./client";
import { recordedConsent } from "./recorded";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const professional = { uziNumber: "900012345", role: "01.015" };
const decisionOf = async (bsn: string, holder: string, requester: string, cat = "GGC002") => {
  const r = await call("POST", "/v1/consent-check", await providerToken(requester), checkBody(bsn, holder, requester, [cat]));
  expect(r.status).toBe(200);
  return r.body.decisions[0].decision as string;
};

describe("IHE PCF: a provider records a Consent on the patient's behalf (fhir-kit-client)", () => {
  it("POST /fhir/Consent -> 201 with the Consent (Location, versionId); the check then permits; the citizen sees it, is notified, and the write is logged", async () => {
    const bsn = freshBsn();
    expect(await decisionOf(bsn, "huisarts", "ziekenhuis")).toBe("deny");
    const client = fhirClient(await providerToken("huisarts"));
    const created: Any = await client.create({
      resourceType: "Consent",
      body: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis", professional }),
    });
    expectValidR4(created);
    expect(created).toMatchObject({
      resourceType: "Consent",
      status: "active",
      meta: { versionId: "1" },
      patient: { identifier: { value: bsn } },
      provision: { type: "permit" },
      category: [{ coding: [{ code: "GGC002" }] }, expect.anything()],
    });
    const res = Client.httpFor(created).response!;
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toContain("application/fhir+json");
    expect(res.headers.get("location")).toMatch(new RegExp(`/fhir/Consent/${created.id}/_history/1$`));
    expect(res.headers.get("etag")).toBe('W/"1"');

    expect(await decisionOf(bsn, "huisarts", "ziekenhuis")).toBe("permit");
    const citizen = await citizenToken(bsn);
    const mine = await call("GET", "/v1/me/choices", citizen);
    expect(mine.status).toBe(200);
    expect(mine.body.items).toEqual([
      expect.objectContaining({
        id: created.id,
        decision: "permit",
        channel: "provider",
        recordedBy: expect.objectContaining({ ura: provider("huisarts").ura }),
      }),
    ]);
    const seen: Any = await fhirClient(citizen).search({ resourceType: "Consent", searchParams: { patient: bsn } });
    expect(seen.entry.map((e: Any) => e.resource.id)).toEqual([created.id]);
    const notes = await call("GET", "/v1/me/notifications", citizen);
    expect(notes.body.items.map((n: Any) => n.kind)).toContain("choice-recorded-by-provider");
    const log = await call("GET", "/v1/me/access-log", citizen);
    expect(log.body.items.map((e: Any) => [e.action, e.actor.ura])).toContainEqual(["choice-recorded", provider("huisarts").ura]);
  });

  it("records a Provenance: Consent version 1 targeted, CREATE, the professional (UZI) for the organisation (URA) for the patient; valid R4", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("huisarts"));
    const created: Any = await client.create({
      resourceType: "Consent",
      body: recordedConsent(bsn, { holder: "huisarts", requester: "apotheek", professional }),
    });
    const bundle: Any = await client.search({ resourceType: "Provenance", searchParams: { target: `Consent/${created.id}`, patient: bsn } });
    expectValidR4(bundle);
    expect(bundle.total).toBe(1);
    const p = bundle.entry[0].resource;
    expect(p).toMatchObject({
      resourceType: "Provenance",
      target: [{ reference: `Consent/${created.id}/_history/1` }],
      activity: { coding: [{ code: "CREATE" }] },
      agent: [
        {
          type: { coding: [{ code: "enterer" }] },
          who: { identifier: { value: "900012345" } },
          onBehalfOf: { identifier: { value: provider("huisarts").ura } },
        },
        { type: { coding: [{ code: "author" }] }, who: { identifier: { value: provider("huisarts").ura } }, onBehalfOf: { identifier: { value: bsn } } },
      ],
    });
    expect(Date.parse(p.recorded)).toBeGreaterThan(Date.now() - 60_000);
    // the patient reads it too
    const own: Any = await fhirClient(await citizenToken(bsn)).search({
      resourceType: "Provenance",
      searchParams: { target: `Consent/${created.id}`, patient: bsn },
    });
    expect(own.total).toBe(1);
  });

  it("PUT with status inactive revokes: the check no longer permits, the citizen sees it withdrawn and is notified, a second Provenance (UPDATE)", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("ziekenhuis"));
    const body = recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" });
    const created: Any = await client.create({ resourceType: "Consent", body });
    expect(await decisionOf(bsn, "huisarts", "ziekenhuis")).toBe("permit");

    const revoked: Any = await client.update({ resourceType: "Consent", id: created.id, body: { ...body, id: created.id, status: "inactive" } });
    expectValidR4(revoked);
    expect(revoked).toMatchObject({ id: created.id, status: "inactive", meta: { versionId: "2" } });
    expect(await decisionOf(bsn, "huisarts", "ziekenhuis")).toBe("deny");
    const citizen = await citizenToken(bsn);
    expect((await call("GET", "/v1/me/choices", citizen)).body.items).toEqual([]);
    expect((await call("GET", "/v1/me/notifications", citizen)).body.items.map((n: Any) => n.kind)).toContain("choice-withdrawn-by-provider");
    const prov: Any = await client.search({ resourceType: "Provenance", searchParams: { target: `Consent/${created.id}`, patient: bsn } });
    expectValidR4(prov);
    expect(prov.entry.map((e: Any) => [e.resource.activity.coding[0].code, e.resource.target[0].reference])).toEqual([
      ["CREATE", `Consent/${created.id}/_history/1`],
      ["UPDATE", `Consent/${created.id}/_history/2`],
    ]);
    // revoking again changes nothing; status active on a revoked one is a conflict (record a new one)
    const again: Any = await client.update({ resourceType: "Consent", id: created.id, body: { ...body, status: "inactive" } });
    expect(again.meta.versionId).toBe("2");
  });

  it("for a patient under 16 the Consent is proposed (pending) and carries the guardian's one-time confirmation code", async () => {
    const bsn = freshBsn();
    await registerPerson(bsn, birthDateForAge(14));
    const created: Any = await fhirClient(await providerToken("huisarts")).create({
      resourceType: "Consent",
      body: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" }),
    });
    expectValidR4(created);
    expect(created.status).toBe("proposed");
    const confirmation = created.extension.find((e: Any) => e.url === "https://regie.nl/fhir/StructureDefinition/guardian-confirmation");
    expect(confirmation.extension.map((e: Any) => e.url)).toEqual(["code", "expires"]);
    expect(confirmation.extension[0].valueString).toMatch(/^\S{6,}$/);
    expect(await decisionOf(bsn, "huisarts", "ziekenhuis")).toBe("deny");
  });

  it("an Idempotency-Key makes a repeated POST record once, as on /v1/provider/choices", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("huisarts"));
    const body = recordedConsent(bsn, { holder: "huisarts", requester: "umc", decision: "deny", dataCategory: "GGC013" });
    const options = { headers: { "idempotency-key": crypto.randomUUID() } };
    const a: Any = await client.create({ resourceType: "Consent", body, options });
    const b: Any = await client.create({ resourceType: "Consent", body, options });
    expect(b.id).toBe(a.id);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items).toHaveLength(1);
  });

  it("the CapabilityStatement lists Consent create/update, Provenance search and the system transaction", async () => {
    const cs: Any = await fhirClient().capabilityStatement();
    const consent = cs.rest[0].resource.find((r: Any) => r.type === "Consent");
    expect(consent.interaction.map((i: Any) => i.code)).toEqual(expect.arrayContaining(["create", "update", "search-type"]));
    const provenance = cs.rest[0].resource.find((r: Any) => r.type === "Provenance");
    expect(provenance.searchParam.map((p: Any) => p.name)).toEqual(["target", "patient"]);
    expect(cs.rest[0].interaction).toEqual([{ code: "transaction" }]);
  });
});
