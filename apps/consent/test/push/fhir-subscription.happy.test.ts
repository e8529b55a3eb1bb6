import { env } from "cloudflare:test";
import { Client } from "fhir-kit-client";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { call, citizenToken, freshBsn, provider, providerToken } from "../helpers";
import { failure, fakeReceiver, fhirClient, mitzSubscription, r4Issues, responseOf } from "./fhir-support";

const HOOK = "http://localhost:9911/notify";
const huisarts = provider("huisarts");
const apotheek = provider("apotheek");

// the queue consumer may run in the background while these tests subscribe; its calls go to a fake receiver
let receiver: ReturnType<typeof fakeReceiver>;
beforeEach(() => void (receiver = fakeReceiver()));
afterEach(() => receiver.restore());

describe("FHIR Subscription (Mitz OTV rest-hook), through fhir-kit-client", () => {
  it("POST answers 202 with the Subscription and its Location; the resource is valid FHIR R4; a duplicate answers 200 with the same one", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("huisarts"));
    const created = (await client.create({
      resourceType: "Subscription",
      body: mitzSubscription(bsn, huisarts.ura, huisarts.organizationType, HOOK, ["Authorization: Bearer s3cret"]),
    })) as Record<string, unknown>;
    const res = responseOf(created);
    expect(res.status).toBe(202);
    expect(res.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    expect(res.headers.get("location")).toBe(`http://consent.test/fhir/Subscription/${created.id as string}`);
    expect(created).toMatchObject({
      resourceType: "Subscription",
      status: "active",
      reason: "OTV",
      criteria: `Consent?_query=otv&patientid=${bsn}&providerid=${huisarts.ura}&providertype=Z3`,
      channel: { type: "rest-hook", endpoint: HOOK, payload: "application/fhir+json" },
    });
    expect(JSON.stringify(created)).not.toContain("s3cret");
    expect(r4Issues(created)).toEqual([]);

    const again = await client.create({
      resourceType: "Subscription",
      body: mitzSubscription(bsn, huisarts.ura, huisarts.organizationType, "http://localhost:9912/other"),
    });
    expect(responseOf(again).status).toBe(200);
    expect((again as unknown as { id: string }).id).toBe(created.id);
    expect((again as unknown as { channel: { endpoint: string } }).channel.endpoint).toBe(HOOK);
  });

  it("GET /fhir/Subscription lists only my own, as a valid searchset Bundle; read shows status; another provider's is 404", async () => {
    const bsn = freshBsn();
    const mine = fhirClient(await providerToken("apotheek"));
    const theirs = fhirClient(await providerToken("huisarts"));
    const a = (await mine.create({ resourceType: "Subscription", body: mitzSubscription(bsn, apotheek.ura, apotheek.organizationType, HOOK) })) as unknown as {
      id: string;
    };
    const b = (await theirs.create({
      resourceType: "Subscription",
      body: mitzSubscription(bsn, huisarts.ura, huisarts.organizationType, HOOK),
    })) as unknown as { id: string };

    const bundle = (await mine.search({ resourceType: "Subscription", searchParams: { _count: 500 } })) as unknown as {
      resourceType: string;
      type: string;
      entry: { resource: { id: string; criteria: string } }[];
    };
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "searchset" });
    expect(r4Issues(bundle)).toEqual([]);
    const ids = bundle.entry.map((e) => e.resource.id);
    expect(ids).toContain(a.id);
    expect(ids).not.toContain(b.id);
    expect(bundle.entry.every((e) => e.resource.criteria.includes(`providerid=${apotheek.ura}`))).toBe(true);

    const read = (await mine.read({ resourceType: "Subscription", id: a.id })) as Record<string, unknown>;
    expect(read).toMatchObject({ id: a.id, status: "active", reason: "OTV" });
    expect(r4Issues(read)).toEqual([]);
    const foreign = await failure(mine.read({ resourceType: "Subscription", id: b.id }));
    expect(foreign.status).toBe(404);
    expect(foreign.data.resourceType).toBe("OperationOutcome");
    expect(r4Issues(foreign.data)).toEqual([]);
  });

  it("pages with _count and the next link, returning every subscription once", async () => {
    const client = fhirClient(await providerToken("lab"));
    const lab = provider("lab");
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          (await client.create({ resourceType: "Subscription", body: mitzSubscription(freshBsn(), lab.ura, lab.organizationType, HOOK) })) as unknown as {
            id: string;
          }
        ).id,
      );
    const seen: string[] = [];
    let page = (await client.search({ resourceType: "Subscription", searchParams: { _count: 2 } })) as unknown as {
      entry: { resource: { id: string } }[];
      link: { relation: string }[];
    };
    for (let n = 0; n < 10; n++) {
      expect(page.entry.length).toBeLessThanOrEqual(2);
      seen.push(...page.entry.map((e) => e.resource.id));
      const next = client.nextPage({ bundle: page as never });
      if (!next) break;
      page = (await next) as unknown as typeof page;
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });

  it("DELETE ends it: 204, then read is 404 and it is gone from the list (FHIR and JSON)", async () => {
    const bsn = freshBsn();
    const token = await providerToken("ziekenhuis");
    const zh = provider("ziekenhuis");
    const client = fhirClient(token);
    const s = (await client.create({ resourceType: "Subscription", body: mitzSubscription(bsn, zh.ura, zh.organizationType, HOOK) })) as unknown as {
      id: string;
    };
    expect((await failure(fhirClient(await providerToken("huisarts")).delete({ resourceType: "Subscription", id: s.id }))).status).toBe(404);
    const deleted = await client.delete({ resourceType: "Subscription", id: s.id });
    expect(responseOf(deleted).status).toBe(204);
    expect((await failure(client.read({ resourceType: "Subscription", id: s.id }))).status).toBe(404);
    expect((await failure(client.delete({ resourceType: "Subscription", id: s.id }))).status).toBe(404);
    const list = await call("GET", "/v1/subscriptions?limit=500", token);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(s.id);
  });

  it("refuses what Mitz refuses, with an OperationOutcome naming the element (400), and another organisation's providerid (403)", async () => {
    const bsn = freshBsn();
    const client = fhirClient(await providerToken("huisarts"));
    const base = mitzSubscription(bsn, huisarts.ura, huisarts.organizationType, HOOK);
    const cases: [unknown, number, string][] = [
      [{ ...base, status: "active" }, 400, "Subscription.status"],
      [{ ...base, reason: "other" }, 400, "Subscription.reason"],
      [{ ...base, channel: { ...base.channel, type: "websocket" } }, 400, "Subscription.channel.type"],
      [{ ...base, criteria: "Patient?identifier=1" }, 400, "Subscription.criteria"],
      [{ ...base, criteria: base.criteria.replace("_query=otv", "_query=x") }, 400, "Subscription.criteria"],
      [{ ...base, criteria: base.criteria.replace(/patientid=\d+/, "patientid=123456789") }, 400, "Subscription.criteria"],
      [{ ...base, criteria: base.criteria.replace(/&providertype=Z3/, "") }, 400, "Subscription.criteria"],
      [{ ...base, channel: { ...base.channel, endpoint: "https://169.254.169.254/latest" } }, 400, "Subscription.channel.endpoint"],
      [{ ...base, channel: { ...base.channel, endpoint: "http://ehr.example.nl/hook" } }, 400, "Subscription.channel.endpoint"],
      [{ ...base, channel: { ...base.channel, header: ["Host: evil.example"] } }, 400, "Subscription.channel.header"],
      [{ ...base, extension: [{ url: "http://example.org/x", valueString: "y" }] }, 400, "Subscription.extension"],
      [mitzSubscription(bsn, apotheek.ura, apotheek.organizationType, HOOK), 403, ""],
      [mitzSubscription(bsn, huisarts.ura, "V6", HOOK), 403, ""],
    ];
    for (const [body, status, expression] of cases) {
      const f = await failure(client.create({ resourceType: "Subscription", body: body as never }));
      expect(f.status, JSON.stringify(body)).toBe(status);
      expect(f.data.resourceType).toBe("OperationOutcome");
      expect(r4Issues(f.data)).toEqual([]);
      if (expression)
        expect(
          f.data.issue!.flatMap((i) => i.expression ?? []).some((e) => e.startsWith(expression)),
          JSON.stringify(f.data),
        ).toBe(true);
      expect(JSON.stringify(f.data)).not.toContain(bsn);
    }
    // without a token: 401, as an OperationOutcome too
    const anonymous = await failure(new Client({ baseUrl: "http://consent.test/fhir" }).create({ resourceType: "Subscription", body: base as never }));
    expect(anonymous.status).toBe(401);
    expect(anonymous.data.issue?.[0]?.code).toBe("login");
  });

  it("a citizen cannot subscribe (403)", async () => {
    const bsn = freshBsn();
    const f = await failure(
      fhirClient(await citizenToken(bsn)).create({ resourceType: "Subscription", body: mitzSubscription(bsn, huisarts.ura, "Z3", HOOK) as never }),
    );
    expect(f.status).toBe(403);
    expect(f.data.issue?.[0]?.code).toBe("forbidden");
  });
});

describe("the R4 validation itself", () => {
  // medplum checks structure (cardinality, types, unknown elements), not value-set bindings: the cases are structural
  it("rejects a broken Subscription and OperationOutcome (so the checks above can fail)", () => {
    const ok = { resourceType: "Subscription", status: "requested", reason: "OTV", criteria: "Consent?", channel: { type: "rest-hook" } };
    expect(r4Issues(ok)).toEqual([]);
    expect(r4Issues({ ...ok, reason: undefined })).not.toEqual([]);
    expect(r4Issues({ ...ok, status: 5 })).not.toEqual([]);
    expect(r4Issues({ ...ok, channel: { type: "rest-hook", endpoint: ["a", "b"] } })).not.toEqual([]);
    expect(r4Issues({ ...ok, subscriber: "someone" })).not.toEqual([]);
    expect(r4Issues({ resourceType: "OperationOutcome", issue: [] })).not.toEqual([]);
    expect(r4Issues({ resourceType: "OperationOutcome", issue: [{ severity: "error" }] })).not.toEqual([]);
  });
});

describe("JSON API subscriptions", () => {
  it("POST with a channel, GET /v1/subscriptions (own only), GET one, DELETE", async () => {
    const bsn = freshBsn();
    const token = await providerToken("ggz");
    const created = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK, headers: ["X-Api-Key: k-123"] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ status: "active", channel: { type: "rest-hook", endpoint: HOOK, headers: ["X-Api-Key"] } });
    expect(JSON.stringify(created.body)).not.toContain("k-123");
    const other = await call("POST", "/v1/subscriptions", await providerToken("huisarts"), { patient: { bsn } });

    const list = await call("GET", "/v1/subscriptions", token);
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(created.body.id);
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(other.body.id);
    const one = await call("GET", `/v1/subscriptions/${created.body.id as string}`, token);
    expect(one.body).toMatchObject({ id: created.body.id, status: "active", lastError: null, lastDeliveredAt: null });

    expect((await call("DELETE", `/v1/subscriptions/${created.body.id as string}`, await providerToken("huisarts"))).status).toBe(404);
    expect((await call("DELETE", `/v1/subscriptions/${created.body.id as string}`, token)).status).toBe(204);
    expect((await call("GET", `/v1/subscriptions/${created.body.id as string}`, token)).status).toBe(404);
    expect((await call("DELETE", "/v1/subscriptions/not-a-uuid", token)).status).toBe(400);
  });

  it("a subscription without a channel gets one when asked again with a channel (201), and a duplicate stays one (200)", async () => {
    const bsn = freshBsn();
    const token = await providerToken("umc");
    const plain = await call("POST", "/v1/subscriptions", token, { patient: { bsn } });
    expect(plain.status).toBe(201);
    expect(plain.body.channel).toBeNull();
    const withChannel = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK } });
    expect(withChannel.status).toBe(201);
    expect(withChannel.body).toMatchObject({ id: plain.body.id, channel: { endpoint: HOOK } });
    expect((await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK } })).status).toBe(200);
  });

  it("refuses a private or non-https endpoint with 400 naming /channel/endpoint (and never stores the raw BSN)", async () => {
    const bsn = freshBsn();
    const token = await providerToken("huisarts");
    for (const endpoint of ["http://ehr.example.nl/hook", "https://10.0.0.8/hook", "https://192.168.1.20/hook", "file:///etc/passwd"]) {
      const r = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint } });
      expect(r.status, endpoint).toBe(400);
      expect(r.body.errors[0].path).toBe("/channel/endpoint");
    }
    const ok = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK } });
    expect(ok.status).toBe(201);
    const rows = await env.DB.prepare("SELECT * FROM provider_subscriptions WHERE id = ?").bind(ok.body.id).all();
    expect(rows.results).toHaveLength(1);
    expect(JSON.stringify(rows.results)).not.toContain(bsn);
  });
});
