import { describe, expect, it } from "vitest";
import { AUDIT_EVENT_PAGE_MAX } from "@regie/shared/contracts/consent";
import { citizenToken, freshBsn } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";

describe("GET /fhir/AuditEvent: bad input is a 400 OperationOutcome", () => {
  it.each([
    ["no patient", {}],
    ["a patient that fails the 11-proef", { patient: "123456789" }],
    ["_count 0", { _count: 0 }],
    [`_count above ${AUDIT_EVENT_PAGE_MAX}`, { _count: AUDIT_EVENT_PAGE_MAX + 1 }],
    ["a non-numeric before", { before: "x" }],
  ])("%s", async (_what, params) => {
    const bsn = freshBsn();
    const searchParams = { patient: bsn, ...params } as Record<string, string | number>;
    if (_what === "no patient") delete searchParams.patient;
    const r = await fhirError(fhirClient(await citizenToken(bsn)).search({ resourceType: "AuditEvent", searchParams }));
    expect(r.status).toBe(400);
    expect(r.data.resourceType).toBe("OperationOutcome");
    expectValidR4(r.data);
  });
});
