import { describe, expect, it } from "vitest";
import { call, categoryChoice, checkBody, citizenWith, freshBsn, provider, providerToken } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";
import { proposedConsent } from "./resources";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;
const PR = "http://vzvz.nl/fhir/otv/permission-response";

async function patientWithChoices() {
  return citizenWith(categoryChoice("huisarts", "ziekenhuis", "GGC002"), categoryChoice("huisarts", "ziekenhuis", "GGC013", "deny"));
}

const hasConsent = async (token: string, params: object) =>
  fhirClient(token).operation({ name: "has-mitz-consent", resourceType: "Consent", input: params as never }) as Promise<Any>;

describe("POST /fhir/Consent/$has-mitz-consent", () => {
  it("answers an OperationOutcome with a permission-response per data category, the same decisions as /v1/consent-check, and logs it", async () => {
    const { bsn, t } = await patientWithChoices();
    const params = proposedConsent(bsn, {
      holder: "huisarts",
      requester: "ziekenhuis",
      dataCategories: ["GGC002", "GGC013", "GGC012"],
      professional: { uziNumber: "000095254", role: "01.010" },
    });
    expectValidR4(params);
    const outcome = await hasConsent(await providerToken("ziekenhuis"), params);
    expectValidR4(outcome);
    const answers = outcome.issue.map((i: Any) => [i.details.coding[1].code, i.details.coding.find((c: Any) => c.system === PR).code]);
    expect(answers).toEqual([
      ["GGC002", "permit"],
      ["GGC013", "deny"],
      ["GGC012", "permit"],
    ]);
    expect(outcome.issue[0]).toMatchObject({ severity: "information", code: "informational" });

    const json = await call(
      "POST",
      "/v1/consent-check",
      await providerToken("ziekenhuis"),
      checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002", "GGC013", "GGC012"]),
    );
    expect(json.body.decisions.map((d: Any) => [d.dataCategory, d.decision])).toEqual(answers);

    const log = (await call("GET", "/v1/me/access-log", t)).body.items.filter((e: Any) => e.action === "consent-check");
    expect(log).toHaveLength(2);
    expect(log[1]).toMatchObject({
      actor: { ura: provider("ziekenhuis").ura },
      professional: { uziNumber: "000095254", role: "01.010", mandatedBy: null },
      outcome: "partial",
    });
  });

  it("the holder asks on the requester's behalf (logged with the mandate); a third organisation gets 403 OperationOutcome", async () => {
    const { bsn, t } = await patientWithChoices();
    const params = proposedConsent(bsn, {
      holder: "huisarts",
      requester: "ziekenhuis",
      dataCategories: ["GGC002"],
      professional: { uziNumber: "000011111", role: "01.015", mandatedBy: "000022222" },
    });
    const byHolder = await hasConsent(await providerToken("huisarts"), params);
    expect(byHolder.issue[0].details.coding[0]).toEqual({ system: PR, code: "permit" });
    const third = await fhirError(hasConsent(await providerToken("apotheek"), params));
    expect(third.status).toBe(403);
    expect(third.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "forbidden" }] });
    const [entry] = (await call("GET", "/v1/me/access-log", t)).body.items;
    expect(entry).toMatchObject({
      action: "consent-check",
      actor: { ura: provider("huisarts").ura },
      onBehalfOf: { ura: provider("ziekenhuis").ura },
      professional: { uziNumber: "000011111", mandatedBy: "000022222" },
    });
  });

  it("a proposed Consent that does not state the question -> 400 OperationOutcome naming each element", async () => {
    const token = await providerToken("ziekenhuis");
    const params: Any = proposedConsent("123456789", { holder: "huisarts", requester: "ziekenhuis", dataCategories: ["GGC999"], purpose: "COC" });
    params.parameter[0].resource.provision.purpose = [];
    params.parameter[0].resource.contained[0].identifier = [];
    const bad = await fhirError(hasConsent(token, params));
    expect(bad.status).toBe(400);
    expectValidR4(bad.data);
    const where = bad.data.issue.map((i: Any) => i.expression[0]);
    expect(where).toEqual(
      expect.arrayContaining([
        "parameter[0].resource.patient.identifier.value",
        "parameter[0].resource.contained[0].identifier",
        "parameter[0].resource.category[0].coding[0].code",
        "parameter[0].resource.provision.purpose",
      ]),
    );
    expect(JSON.stringify(bad.data)).not.toContain("123456789");
    const notParameters = await fhirError(hasConsent(token, { resourceType: "Consent" }));
    expect(notParameters.status).toBe(400);
    const broken = await fhirError(fhirClient(token).operation({ name: "has-mitz-consent", resourceType: "Consent", input: "{not json" as never }));
    expect(broken.status).toBe(400);
    expect(broken.data.resourceType).toBe("OperationOutcome");
  });
});

describe("POST /fhir/Consent/$get-mitz-sources", () => {
  it("answers a searchset Bundle of the subscribed holders that may share with the requester", async () => {
    const { bsn } = await patientWithChoices();
    await call("POST", "/v1/subscriptions", await providerToken("huisarts"), { patient: { bsn } });
    await call("POST", "/v1/subscriptions", await providerToken("apotheek"), { patient: { bsn } });
    const bundle: Any = await fhirClient(await providerToken("ziekenhuis")).operation({
      name: "get-mitz-sources",
      resourceType: "Consent",
      input: proposedConsent(bsn, { requester: "ziekenhuis" }),
    });
    expectValidR4(bundle);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 1 });
    const org = bundle.entry[0].resource;
    expect(org.identifier[0]).toEqual({ system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("huisarts").ura });
    expect(org.extension.map((e: Any) => e.valueCoding.code).sort()).toEqual(["GGC002", "GGC012"]);
  });

  it("only the requester itself asks the open question (403 otherwise)", async () => {
    const r = await fhirError(
      fhirClient(await providerToken("apotheek")).operation({
        name: "get-mitz-sources",
        resourceType: "Consent",
        input: proposedConsent(freshBsn(), { requester: "ziekenhuis" }),
      }),
    );
    expect(r.status).toBe(403);
  });
});
