import { env, runInDurableObject } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { ConsentShard } from "../../src/storage/shard";
import { shardObject } from "../../src/storage/shards";
import { call, checkBody, citizenToken, freshBsn, provider, providerToken, pseudonym } from "../helpers";
import { failNextCommit } from "../shard-seams";
import { expectValidR4, fhirClient, fhirError } from "./client";
import { migrationBundle, recordedConsent, sourceProvenance } from "./recorded";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Any = any;

const choicesOf = async (bsn: string) => {
  const r = await call("GET", "/v1/me/choices", await citizenToken(bsn));
  expect(r.status).toBe(200);
  return r.body.items as Any[];
};

describe("Migration: POST /fhir with a transaction Bundle of Consent + Provenance (fhir-kit-client)", () => {
  it("one invalid entry imports nothing for that patient and names the entry; the other patient imports; valid R4 throughout", async () => {
    const anna = freshBsn();
    const bram = freshBsn();
    const bundle = migrationBundle([
      {
        consent: recordedConsent(anna, { holder: "huisarts", requester: "ziekenhuis", identifier: "anna-1" }),
        provenance: (u) => sourceProvenance(u, "huisarts"),
      },
      {
        consent: recordedConsent(bram, { holder: "huisarts", requester: "apotheek", identifier: "bram-1" }),
        provenance: (u) => sourceProvenance(u, "huisarts", "2023-01-02T03:04:05Z"),
      },
      { consent: recordedConsent(anna, { holder: "huisarts", requester: "umc", identifier: "anna-2", dataCategory: "GGC999" }) },
      { consent: recordedConsent(bram, { holder: "huisarts", requester: "umc", identifier: "bram-2", decision: "deny", dataCategory: "GGC013" }) },
    ]);
    const res: Any = await fhirClient(await providerToken("huisarts")).transaction({ body: bundle });
    expectValidR4(res);
    expect(res.type).toBe("transaction-response");
    expect(res.entry.map((e: Any) => e.response.status)).toEqual([
      "422 Unprocessable Entity",
      "422 Unprocessable Entity",
      "201 Created",
      "201 Created",
      "400 Bad Request",
      "201 Created",
    ]);
    // the failing entry (index 4) says where; anna's other entries point at it
    expect(res.entry[4].response.outcome.issue[0]).toMatchObject({ severity: "error", expression: ["Bundle.entry[4].resource.category[0].coding[0].code"] });
    expect(res.entry[0].response.outcome.issue[0].expression).toEqual(["Bundle.entry[4]"]);
    expect(res.entry[0].fullUrl).toBe(bundle.entry[0]!.fullUrl);
    expect(await choicesOf(anna)).toEqual([]);

    const imported = await choicesOf(bram);
    expect(imported.map((c) => [c.requester.ura, c.decision]).sort()).toEqual([
      [provider("umc").ura, "deny"],
      [provider("apotheek").ura, "permit"],
    ]);
    const check = await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bram, "huisarts", "apotheek", ["GGC002"]));
    expect(check.body.decisions[0].decision).toBe("permit");
    expect(res.entry[2].response.location).toMatch(/^Consent\/[0-9a-f-]{36}\/_history\/1$/);

    // the imported choice's Provenance keeps the source's time, professional and identifier
    const id = res.entry[2].response.location.split("/")[1];
    const prov: Any = await fhirClient(await citizenToken(bram)).search({
      resourceType: "Provenance",
      searchParams: { target: `Consent/${id}`, patient: bram },
    });
    expectValidR4(prov);
    expect(prov.entry[0].resource).toMatchObject({
      recorded: "2023-01-02T03:04:05.000Z",
      agent: [{ who: { identifier: { value: "900012345" } } }, { who: { identifier: { value: provider("huisarts").ura } } }],
      entity: [{ role: "source", what: { identifier: { system: "https://his.example.org/consent-id", value: "bram-1" } } }],
    });
    expect(res.entry[3].response.location).toBe(`Provenance/${prov.entry[0].resource.id}`);
  });

  it("the same Bundle twice imports nothing the second time (200 per entry, same locations)", async () => {
    const bsn = freshBsn();
    const bundle = migrationBundle([
      { consent: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis" }), provenance: (u) => sourceProvenance(u, "huisarts") },
      { consent: recordedConsent(bsn, { holder: "huisarts", requester: "ggz", decision: "deny" }) },
    ]);
    const client = fhirClient(await providerToken("huisarts"));
    const first: Any = await client.transaction({ body: bundle });
    expect(first.entry.map((e: Any) => e.response.status)).toEqual(["201 Created", "201 Created", "201 Created"]);
    const second: Any = await client.transaction({ body: bundle });
    expectValidR4(second);
    expect(second.entry.map((e: Any) => e.response.status)).toEqual(["200 OK", "200 OK", "200 OK"]);
    expect(second.entry.map((e: Any) => e.response.location)).toEqual(first.entry.map((e: Any) => e.response.location));
    expect(await choicesOf(bsn)).toHaveLength(2);
    const notes = (await call("GET", "/v1/me/notifications", await citizenToken(bsn))).body.items.filter((n: Any) => n.kind === "choice-recorded-by-provider");
    expect(notes).toHaveLength(2);
  });

  it("a storage failure while importing a patient imports none of that patient's choices (503 per entry); sending again imports them", async () => {
    const bsn = freshBsn();
    const bundle = migrationBundle([
      { consent: recordedConsent(bsn, { holder: "huisarts", requester: "ziekenhuis", identifier: "x-1" }) },
      { consent: recordedConsent(bsn, { holder: "huisarts", requester: "apotheek", identifier: "x-2" }) },
    ]);
    await runInDurableObject(shardObject(env, await pseudonym(bsn)), (shard: ConsentShard) => {
      shard.seams.faults = failNextCommit();
    });
    const client = fhirClient(await providerToken("huisarts"));
    const failed: Any = await client.transaction({ body: bundle });
    expectValidR4(failed);
    expect(failed.entry.map((e: Any) => e.response.status)).toEqual(["503 Service Unavailable", "503 Service Unavailable"]);
    expect(await choicesOf(bsn)).toEqual([]);
    const retried: Any = await client.transaction({ body: bundle });
    expect(retried.entry.map((e: Any) => e.response.status)).toEqual(["201 Created", "201 Created"]);
    expect(await choicesOf(bsn)).toHaveLength(2);
  });

  it("a Bundle above 4 MiB -> 413; above 1,000 entries -> 413; not a transaction -> 400; all OperationOutcome", async () => {
    const client = fhirClient(await providerToken("huisarts"));
    const bsn = freshBsn();
    const big = migrationBundle([
      { consent: { ...recordedConsent(bsn, { holder: "huisarts", requester: "umc" }), text: { status: "generated", div: "x".repeat(4.5 * 1024 * 1024) } } },
    ]);
    const tooBig = await fhirError(client.transaction({ body: big }));
    expect(tooBig.status).toBe(413);
    expect(tooBig.data).toMatchObject({ resourceType: "OperationOutcome", issue: [{ code: "too-long" }] });
    expectValidR4(tooBig.data);
    const many = migrationBundle(
      Array.from({ length: 1001 }, (_, i) => ({ consent: recordedConsent(bsn, { holder: "huisarts", requester: "umc", identifier: String(i) }) })),
    );
    expect((await fhirError(client.transaction({ body: many }))).status).toBe(413);
    const batch = await fhirError(client.transaction({ body: { resourceType: "Bundle", type: "batch", entry: [] } }));
    expect(batch.status).toBe(400);
    expectValidR4(batch.data);
    expect(await choicesOf(bsn)).toEqual([]);
  });
});
