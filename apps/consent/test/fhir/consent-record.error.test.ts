import { describe, expect, it } from "vitest";
import { call, citizenToken, freshBsn, providerToken } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";
import { recordedConsent } from "./recorded";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe("IHE PCF recording: bad input is a 4xx OperationOutcome naming the element", () => {
  it("POST with a status other than active, an unknown category or an invalid BSN -> 400 with expressions", async () => {
    const client = fhirClient(await providerToken("huisarts"));
    const bsn = freshBsn();
    const inactive = await fhirError(
      client.create({ resourceType: "Consent", body: recordedConsent(bsn, { holder: "huisarts", requester: "umc", status: "inactive" }) }),
    );
    expect(inactive.status).toBe(400);
    expect(inactive.data.issue.map((i: Any) => i.expression?.[0])).toContain("status");
    expectValidR4(inactive.data);
    const unknown = await fhirError(
      client.create({ resourceType: "Consent", body: recordedConsent(bsn, { holder: "huisarts", requester: "umc", dataCategory: "GGC999" }) }),
    );
    expect(unknown.status).toBe(400);
    expect(unknown.data.issue[0].expression).toEqual(["category[0].coding[0].code"]);
    const badBsn = await fhirError(client.create({ resourceType: "Consent", body: recordedConsent("123456789", { holder: "huisarts", requester: "umc" }) }));
    expect(badBsn.status).toBe(400);
    expect(JSON.stringify(badBsn.data)).not.toContain("123456789");
    const notConsent = await fhirError(client.create({ resourceType: "Consent", body: { resourceType: "Patient" } }));
    expect(notConsent.status).toBe(400);
    expectValidR4(notConsent.data);
  });

  it("PUT: status rejected -> 400; another decision -> 422; status active on a revoked Consent -> 409; unknown id -> 404; id mismatch -> 400", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("huisarts"));
    const body = recordedConsent(bsn, { holder: "huisarts", requester: "umc" });
    const created: Any = await client.create({ resourceType: "Consent", body });
    const rejected = await fhirError(client.update({ resourceType: "Consent", id: created.id, body: { ...body, status: "rejected" } }));
    expect(rejected.status).toBe(400);
    const changed = await fhirError(
      client.update({ resourceType: "Consent", id: created.id, body: { ...body, provision: { ...body.provision, type: "deny" } } }),
    );
    expect(changed.status).toBe(422);
    expectValidR4(changed.data);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items[0].decision).toBe("permit");
    const unchanged: Any = await client.update({ resourceType: "Consent", id: created.id, body });
    expect(unchanged.meta.versionId).toBe("1");
    await client.update({ resourceType: "Consent", id: created.id, body: { ...body, status: "inactive" } });
    const reactivate = await fhirError(client.update({ resourceType: "Consent", id: created.id, body }));
    expect(reactivate.status).toBe(409);
    const missing = await fhirError(client.update({ resourceType: "Consent", id: crypto.randomUUID(), body: { ...body, status: "inactive" } }));
    expect(missing.status).toBe(404);
    const mismatch = await fhirError(client.update({ resourceType: "Consent", id: created.id, body: { ...body, id: crypto.randomUUID() } }));
    expect(mismatch.status).toBe(400);
    const badId = await fhirError(client.update({ resourceType: "Consent", id: "not-a-uuid", body }));
    expect(badId.status).toBe(400);
    expectValidR4(badId.data);
  });

  it("GET /fhir/Provenance without a Consent target or patient -> 400; an unknown Consent -> 404", async () => {
    const client = fhirClient(await providerToken("huisarts"));
    const noTarget = await fhirError(client.search({ resourceType: "Provenance", searchParams: { patient: freshBsn() } }));
    expect(noTarget.status).toBe(400);
    expectValidR4(noTarget.data);
    const wrongType = await fhirError(
      client.search({ resourceType: "Provenance", searchParams: { target: `Patient/${crypto.randomUUID()}`, patient: freshBsn() } }),
    );
    expect(wrongType.status).toBe(400);
    const unknown = await fhirError(
      client.search({ resourceType: "Provenance", searchParams: { target: `Consent/${crypto.randomUUID()}`, patient: freshBsn() } }),
    );
    expect(unknown.status).toBe(404);
  });
});
