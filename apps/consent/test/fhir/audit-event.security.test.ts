import { describe, expect, it } from "vitest";
import { birthDateForAge, call, categoryChoice, checkBody, citizenToken, freshBsn, hdabToken, provider, providerToken, registerPerson } from "../helpers";
import { expectValidR4, fhirClient, fhirError } from "./client";
import { patientWithLog, type Any } from "./audit-support";

const askerUras = (bundle: Any) => bundle.entry.map((e: Any) => e.resource.agent.find((a: Any) => a.type.coding[0].code === "PROV").who.identifier.value);

describe("GET /fhir/AuditEvent: who sees what", () => {
  it("a provider never sees another provider's questions, on any page", async () => {
    const { bsn } = await patientWithLog();
    // lab asked nothing: an empty page, not the others' questions
    const lab: Any = await fhirClient(await providerToken("lab")).search({ resourceType: "AuditEvent", searchParams: { patient: bsn } });
    expectValidR4(lab);
    expect(lab.entry ?? []).toEqual([]);
    // ggz asks twice more; paging one at a time it sees exactly its own three
    for (let i = 0; i < 2; i++)
      expect((await call("POST", "/v1/consent-check", await providerToken("ggz"), checkBody(bsn, "huisarts", "ggz", ["GGC013"]))).status).toBe(200);
    const client = fhirClient(await providerToken("ggz"));
    let page: Any = await client.search({ resourceType: "AuditEvent", searchParams: { patient: bsn, _count: 1 } });
    const seen: string[] = [];
    for (;;) {
      seen.push(...askerUras(page));
      if (!page.link.some((l: Any) => l.relation === "next")) break;
      page = await client.nextPage({ bundle: page });
    }
    expect(seen).toEqual([provider("ggz").ura, provider("ggz").ura, provider("ggz").ura]);
  });

  it("a citizen never sees another citizen's log (403 OperationOutcome), nor a child's from 16", async () => {
    const { bsn } = await patientWithLog();
    const stranger = await fhirError(fhirClient(await citizenToken(freshBsn())).search({ resourceType: "AuditEvent", searchParams: { patient: bsn } }));
    expect(stranger.status).toBe(403);
    expect(stranger.data.resourceType).toBe("OperationOutcome");
    expectValidR4(stranger.data);

    const parent = freshBsn();
    const teen = freshBsn();
    await registerPerson(parent, birthDateForAge(45));
    await registerPerson(teen, birthDateForAge(16), [parent]);
    const own = await call("POST", "/v1/me/choices", await citizenToken(teen), categoryChoice("huisarts", "apotheek", "GGC002"));
    expect(own.status).toBe(201);
    expect((await fhirError(fhirClient(await citizenToken(parent)).search({ resourceType: "AuditEvent", searchParams: { patient: teen } }))).status).toBe(403);
    // the teenager reads their own
    const mine: Any = await fhirClient(await citizenToken(teen)).search({ resourceType: "AuditEvent", searchParams: { patient: teen } });
    expect(mine.entry).toHaveLength(1);
  });

  it("refuses unauthenticated calls and other roles", async () => {
    const { bsn } = await patientWithLog();
    expect((await fhirError(fhirClient().search({ resourceType: "AuditEvent", searchParams: { patient: bsn } }))).status).toBe(401);
    const hdab = await call("GET", `/fhir/AuditEvent?patient=${bsn}`, await hdabToken());
    expect(hdab.status).toBe(403);
  });
});
