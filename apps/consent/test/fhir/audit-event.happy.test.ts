import { describe, expect, it } from "vitest";
import { BALP_AUTHZ_CONSENT } from "../../src/fhir/audit-event";
import { call, citizenToken, freshBsn, provider, providerToken, registerPerson, birthDateForAge } from "../helpers";
import { expectValidR4, fhirClient } from "./client";
import { patientWithLog, PROFESSIONAL, type Any } from "./audit-support";

const agentOf = (ev: Any, code: string) => ev.agent.find((a: Any) => a.type.coding[0].code === code);
const detail = (ev: Any, type: string) => ev.entity[1].detail.filter((d: Any) => d.type === type).map((d: Any) => d.valueString);

describe("GET /fhir/AuditEvent (fhir-kit-client)", () => {
  it("gives the citizen their whole log as IHE BALP AuditEvents, newest first, valid FHIR R4", async () => {
    const { bsn, t } = await patientWithLog();
    const bundle: Any = await fhirClient(t).search({ resourceType: "AuditEvent", searchParams: { patient: bsn } });
    expectValidR4(bundle);
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    const events = bundle.entry.map((e: Any) => e.resource);
    const actions = events.map((ev: Any) => detail(ev, "action")[0]);
    expect(actions).toEqual(["emergency-access", "consent-check", "consent-check", "consent-check", "choice-recorded"]);
    // the same entries, in the same order, as the JSON access log
    const log = await call("GET", "/v1/me/access-log", t);
    expect(events.map((ev: Any) => ev.id)).toEqual(log.body.items.map((e: Any) => e.eventId));

    const [btg, ggz, holder, apotheek, recorded] = events;
    // a question: BALP AuthZconsent (Security Alert, AuthZ-Consent, Execute), the patient and the consent decision
    expect(apotheek).toMatchObject({
      meta: { profile: [BALP_AUTHZ_CONSENT] },
      type: { system: "http://dicom.nema.org/resources/ontology/DCM", code: "110113" },
      subtype: [{ system: "https://profiles.ihe.net/ITI/BALP/CodeSystem/AuthZsubType", code: "AuthZ-Consent" }],
      action: "E",
      outcome: "0",
      outcomeDesc: "permit",
      purposeOfEvent: [{ coding: [{ system: "http://terminology.hl7.org/CodeSystem/v3-ActReason", code: "TREAT" }] }],
      entity: [
        { what: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/bsn", value: bsn } }, type: { code: "1" }, role: { code: "1" } },
        { type: { system: "http://hl7.org/fhir/resource-types", code: "Consent" } },
      ],
    });
    // who: the professional (UZI number and role, the requestor, with the purpose), the organisation, the mandate, the holder, Regie
    expect(agentOf(apotheek, "IRCP")).toMatchObject({
      who: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/uzi-nr-pers", value: PROFESSIONAL.uziNumber } },
      role: [{ coding: [{ code: PROFESSIONAL.role }] }],
      requestor: true,
      purposeOfUse: [{ coding: [{ code: "TREAT" }] }],
    });
    expect(agentOf(apotheek, "PROV")).toMatchObject({
      who: { identifier: { system: "http://fhir.nl/fhir/NamingSystem/ura", value: provider("apotheek").ura } },
      requestor: false,
    });
    expect(agentOf(apotheek, "RESP").who.identifier.value).toBe(PROFESSIONAL.mandatedBy.uziNumber);
    expect(agentOf(apotheek, "CST").who.identifier.value).toBe(provider("huisarts").ura);
    const regie = agentOf(apotheek, "authserver");
    expect(apotheek.source.observer).toEqual(regie.who);
    expect(detail(apotheek, "dataCategory")).toEqual(["GGC002 Behandelgegevens"]);

    // the holder asked on the requester's behalf: the asker is PROV (and requestor), the requester RCV
    expect(agentOf(holder, "PROV")).toMatchObject({ who: { identifier: { value: provider("huisarts").ura } }, requestor: true });
    expect(agentOf(holder, "RCV").who.identifier.value).toBe(provider("apotheek").ura);
    // a deny is a failure with its reason as the outcome
    expect(ggz).toMatchObject({ outcome: "4", outcomeDesc: "deny" });

    // break-the-glass: its own subtype and purpose (BTG) and the reason; the answer is still the rules' deny
    expect(btg.subtype.map((s: Any) => s.code)).toEqual(["AuthZ-Consent", "BTG"]);
    expect(btg.purposeOfEvent.map((p: Any) => p.coding[0].code)).toEqual(["TREAT", "BTG"]);
    expect(btg).toMatchObject({ outcome: "4", outcomeDesc: "deny" });
    expect(detail(btg, "breakTheGlassReason")).toEqual(["unconscious patient at the emergency department"]);

    // a write the citizen made: a REST create by a human user named by role (no BSN)
    expect(recorded).toMatchObject({
      type: { code: "rest" },
      subtype: [{ code: "create" }],
      action: "C",
      outcome: "0",
      agent: [{ who: { display: "citizen" }, requestor: true }, { requestor: false }],
    });
    expect(recorded.meta).toBeUndefined();
  });

  it("pages with _count and the next link; every entry once, in order", async () => {
    const { bsn, t } = await patientWithLog();
    const client = fhirClient(t);
    let page: Any = await client.search({ resourceType: "AuditEvent", searchParams: { patient: bsn, _count: 2 } });
    const ids: string[] = [];
    let pages = 0;
    for (;;) {
      expectValidR4(page);
      pages++;
      expect(page.entry.length).toBeLessThanOrEqual(2);
      ids.push(...page.entry.map((e: Any) => e.resource.id));
      if (!page.link.some((l: Any) => l.relation === "next")) break;
      page = await client.nextPage({ bundle: page });
    }
    expect(pages).toBe(3);
    const all: Any = await client.search({ resourceType: "AuditEvent", searchParams: { patient: bsn } });
    expect(ids).toEqual(all.entry.map((e: Any) => e.resource.id));
    expect(new Set(ids).size).toBe(5);
  });

  it("gives a provider only the questions its own URA asked", async () => {
    const { bsn } = await patientWithLog();
    const apotheek: Any = await fhirClient(await providerToken("apotheek")).search({
      resourceType: "AuditEvent",
      searchParams: { patient: `http://fhir.nl/fhir/NamingSystem/bsn|${bsn}` },
    });
    expectValidR4(apotheek);
    expect(apotheek.entry).toHaveLength(1);
    expect(agentOf(apotheek.entry[0].resource, "PROV").who.identifier.value).toBe(provider("apotheek").ura);
    // the holder's question on apotheek's behalf is the holder's, not apotheek's
    const huisarts: Any = await fhirClient(await providerToken("huisarts")).search({ resourceType: "AuditEvent", searchParams: { patient: bsn } });
    expect(huisarts.entry.map((e: Any) => agentOf(e.resource, "RCV")?.who.identifier.value)).toEqual([provider("apotheek").ura]);
    const ziekenhuis: Any = await fhirClient(await providerToken("ziekenhuis")).search({ resourceType: "AuditEvent", searchParams: { patient: bsn } });
    expect(ziekenhuis.entry.map((e: Any) => e.resource.subtype.map((s: Any) => s.code))).toEqual([["AuthZ-Consent", "BTG"]]);
  });

  it("gives a parent their child's log (under 16), by the child's BSN", async () => {
    const parent = freshBsn();
    const child = freshBsn();
    await registerPerson(parent, birthDateForAge(40));
    await registerPerson(child, birthDateForAge(9), [parent]);
    const pt = await citizenToken(parent);
    const ids = await call("GET", "/v1/me/children", pt);
    expect(ids.status).toBe(200);
    const rec = await call("POST", `/v1/me/choices?child=${ids.body.items[0].childId}`, pt, {
      holder: { category: "huisarts" },
      requester: { category: "apotheek" },
      dataCategory: "GGC002",
      decision: "permit",
    });
    expect(rec.status).toBe(201);
    const bundle: Any = await fhirClient(pt).search({ resourceType: "AuditEvent", searchParams: { patient: child } });
    expectValidR4(bundle);
    expect(bundle.entry.map((e: Any) => e.resource.agent[0].who.display)).toEqual(["guardian"]);
  });
});
