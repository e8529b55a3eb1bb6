import { describe, expect, it } from "vitest";
import { capabilityStatement, mergeResources, type FhirModule } from "../../src/fhir/capabilities";
import { FHIR_MODULES } from "../../src/routes/fhir/index";
import { expectValidR4, fhirClient } from "./client";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

describe("GET /fhir/metadata", () => {
  it("is a valid R4 CapabilityStatement listing every FHIR interaction and operation, from the route modules", async () => {
    const cs: Any = await fhirClient().capabilityStatement();
    expectValidR4(cs);
    expect(cs).toMatchObject({
      resourceType: "CapabilityStatement",
      status: "active",
      kind: "instance",
      fhirVersion: "4.0.1",
      format: ["application/fhir+json"],
    });
    const consent = cs.rest[0].resource.find((r: Any) => r.type === "Consent");
    expect(consent.interaction.map((i: Any) => i.code)).toContain("search-type");
    expect(consent.searchParam.map((p: Any) => p.name)).toContain("patient");
    expect(consent.operation.map((o: Any) => o.name)).toEqual(expect.arrayContaining(["has-mitz-consent", "get-mitz-sources"]));
    const audit = cs.rest[0].resource.find((r: Any) => r.type === "AuditEvent");
    expect(audit).toMatchObject({
      interaction: [{ code: "search-type" }],
      profile: "https://profiles.ihe.net/ITI/BALP/StructureDefinition/IHE.BasicAudit.AuthZconsent",
    });
    // exactly what the modules declare, nothing hand-written beside them
    expect(cs.rest[0].resource.map((r: Any) => r.type)).toEqual(mergeResources(FHIR_MODULES).map((r) => r.type));
    expect(new Date(cs.date).getUTCFullYear()).toBeGreaterThan(2000);
  });

  it("a module adds its resources with one entry; entries of one type from several modules are merged", () => {
    const routes = (() => {
      throw new Error("not mounted");
    }) as FhirModule["routes"];
    const a: FhirModule = { routes, resources: [{ type: "Consent", interactions: ["search-type"], searchParams: [{ name: "patient", type: "reference" }] }] };
    const b: FhirModule = {
      routes,
      resources: [
        { type: "Consent", interactions: ["create", "search-type"], operations: [{ name: "x", definition: "http://example.org/x" }] },
        { type: "Subscription", interactions: ["create", "read", "delete"] },
      ],
      system: { interactions: ["transaction"] },
    };
    const cs = capabilityStatement([a, b], { baseUrl: "http://x/fhir", date: "2026-12-01T00:00:00Z", version: "t" });
    expectValidR4(cs);
    expect(cs.rest[0]!.resource).toEqual([
      {
        type: "Consent",
        interaction: [{ code: "search-type" }, { code: "create" }],
        searchParam: [{ name: "patient", type: "reference" }],
        operation: [{ name: "x", definition: "http://example.org/x" }],
      },
      { type: "Subscription", interaction: [{ code: "create" }, { code: "read" }, { code: "delete" }] },
    ]);
    expect(cs.rest[0]!.interaction).toEqual([{ code: "transaction" }]);
  });
});
