import { describe, expect, it } from "vitest";
import { call, citizenToken, freshBsn, providerToken } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";
import { migrationBundle, recordedConsent } from "./recorded";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe("IHE PCF recording: only a provider that is a party writes", () => {
  it("a third organisation gets 403 (OperationOutcome) and nothing is recorded", async () => {
    const bsn = freshBsn();
    const refused = await fhirError(
      fhirClient(await providerToken("lab")).create({ resourceType: "Consent", body: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" }) }),
    );
    expect(refused.status).toBe(403);
    expect(refused.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "forbidden" }] });
    expectValidR4(refused.data);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items).toEqual([]);
  });

  it("a citizen cannot use it (403), not even for themselves", async () => {
    const bsn = freshBsn();
    const refused = await fhirError(
      fhirClient(await citizenToken(bsn)).create({ resourceType: "Consent", body: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" }) }),
    );
    expect(refused.status).toBe(403);
    expectValidR4(refused.data);
    const put = await fhirError(
      fhirClient(await citizenToken(bsn)).update({
        resourceType: "Consent",
        id: crypto.randomUUID(),
        body: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis", status: "inactive" }),
      }),
    );
    expect(put.status).toBe(403);
  });

  it("a third organisation cannot revoke (403) or read the Provenance (403); the choice stays in force", async () => {
    const bsn = freshBsn();
    const body = recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" });
    const created: Any = await fhirClient(await providerToken("huisarts")).create({ resourceType: "Consent", body });
    const lab = fhirClient(await providerToken("lab"));
    const revoke = await fhirError(lab.update({ resourceType: "Consent", id: created.id, body: { ...body, status: "inactive" } }));
    expect(revoke.status).toBe(403);
    expectValidR4(revoke.data);
    const read = await fhirError(lab.search({ resourceType: "Provenance", searchParams: { target: `Consent/${created.id}`, patient: bsn } }));
    expect(read.status).toBe(403);
    const other = await fhirError(
      fhirClient(await citizenToken(freshBsn())).search({ resourceType: "Provenance", searchParams: { target: `Consent/${created.id}`, patient: bsn } }),
    );
    expect(other.status).toBe(403);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items).toHaveLength(1);
  });

  it("a migration entry the provider is no party to fails with 403 in the response and imports nothing for that patient", async () => {
    const bsn = freshBsn();
    const bundle = migrationBundle([
      { consent: recordedConsent(bsn, { holder: "huisarts", requester: "apotheek", identifier: "a" }) },
      { consent: recordedConsent(bsn, { holder: "lab", requester: "ziekenhuis", identifier: "b" }) },
    ]);
    const res: Any = await fhirClient(await providerToken("huisarts")).transaction({ body: bundle });
    expectValidR4(res);
    expect(res.entry.map((e: Any) => e.response.status)).toEqual(["422 Unprocessable Entity", "403 Forbidden"]);
    expect((await call("GET", "/v1/me/choices", await citizenToken(bsn))).body.items).toEqual([]);
  });
});
