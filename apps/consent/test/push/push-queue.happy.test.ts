// Push through the real queue (miniflare runs the producer, the consumer and the dead-letter queue of wrangler.jsonc's
// dev environment): every kind of consent write reaches a matching subscriber's endpoint; only choices that name the
// subscriber as holder are sent; a receiver failing twice gets it on the third attempt; one that always fails ends in
// the dead-letter queue and its subscription shows the error; after DELETE nothing arrives.
import { afterEach, describe, expect, it } from "vitest";
import { call, citizenToken, freshBsn, provider, providerToken, registerPerson, birthDateForAge } from "../helpers";
import { eventually, fakeReceiver, r4Issues, type Received } from "./fhir-support";

const HOOK = "http://localhost:9931/hook";
const huisarts = provider("huisarts");
const permit = (holder: object, dataCategory = "GGC013") => ({ holder, requester: { category: "apotheek" }, dataCategory, decision: "permit" });

let receiver: ReturnType<typeof fakeReceiver>;
afterEach(() => receiver.restore());

async function subscribedPatient(bsn = freshBsn()) {
  const token = await providerToken("huisarts");
  const r = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK, headers: ["Authorization: Bearer k"] } });
  expect(r.status).toBe(201);
  return { bsn, token, id: r.body.id as string };
}

const forPatient = (bsn: string) => (r: Received) =>
  r.body.entry.some((e) => e.resource.resourceType === "Patient" && JSON.stringify(e.resource).includes(bsn));
const consentsOf = (r: Received) => r.body.entry.filter((e) => e.resource.resourceType === "Consent").map((e) => e.resource as { id: string; status: string });

describe("push through the queue", () => {
  it("every write path notifies the subscribed holder: citizen record, change, withdraw; a provider's choice; a temporary consent; a guardian's confirmation", async () => {
    receiver = fakeReceiver();
    const { bsn } = await subscribedPatient();
    const citizen = await citizenToken(bsn);
    const mine = () => receiver.received.filter(forPatient(bsn));
    const expectPush = async (n: number, check: (r: Received) => void) => {
      await eventually(() => expect(mine()).toHaveLength(n));
      const last = mine()[n - 1]!;
      expect(r4Issues(last.body)).toEqual([]);
      check(last);
    };

    const recorded = await call("POST", "/v1/me/choices", citizen, permit({ category: "huisarts" }));
    await expectPush(1, (r) => expect(consentsOf(r)).toEqual([expect.objectContaining({ id: recorded.body.id, status: "active" })]));
    expect(mine()[0]!.headers.get("authorization")).toBe("Bearer k");

    await call("PUT", `/v1/me/choices/${recorded.body.id as string}`, citizen, { ...permit({ category: "huisarts" }), decision: "deny" });
    await expectPush(2, (r) => expect(consentsOf(r)[0]).toMatchObject({ id: recorded.body.id, provision: { type: "deny" } }));

    await call("DELETE", `/v1/me/choices/${recorded.body.id as string}`, citizen);
    await expectPush(3, (r) => expect(consentsOf(r)[0]).toMatchObject({ id: recorded.body.id, status: "inactive" }));

    const byProvider = await call("POST", "/v1/provider/choices", await providerToken("apotheek"), {
      patient: { bsn },
      choice: permit({ ura: huisarts.ura }, "GGC002"),
    });
    expect(byProvider.status).toBe(201);
    await expectPush(4, (r) => expect(consentsOf(r)[0]).toMatchObject({ id: byProvider.body.id }));

    const temporary = await call("POST", "/v1/temporary-consent", await providerToken("ziekenhuis"), {
      patient: { bsn },
      holder: { category: "huisarts" },
      dataCategories: ["GGC002", "GGC013"],
      reason: "Seen at the huisartsenpost",
    });
    expect(temporary.status).toBe(201);
    await expectPush(5, (r) =>
      expect(
        consentsOf(r)
          .map((c) => c.id)
          .sort(),
      ).toEqual(temporary.body.items.map((i: { id: string }) => i.id).sort()),
    );

    // a choice about another holder is not this subscriber's business
    await call("POST", "/v1/me/choices", citizen, permit({ category: "apotheek" }));
    // a minor's pending choice is sent when a guardian confirms it, not before
    const childBsn = freshBsn();
    const guardianBsn = freshBsn();
    const childId = await registerPerson(childBsn, birthDateForAge(13), [guardianBsn]);
    await subscribedPatient(childBsn);
    const pending = await call("POST", "/v1/me/choices", await citizenToken(childBsn), permit({ category: "huisarts" }));
    expect(pending.body.status).toBe("pending");
    await new Promise((r) => setTimeout(r, 1500));
    expect(receiver.received.filter(forPatient(childBsn))).toHaveLength(0);
    const confirmed = await call("POST", `/v1/me/children/${childId}/confirmations`, await citizenToken(guardianBsn), {
      choiceId: pending.body.id,
      code: pending.body.confirmation.code,
    });
    expect(confirmed.status).toBe(200);
    await eventually(() => expect(receiver.received.filter(forPatient(childBsn))).toHaveLength(1));
    expect(mine()).toHaveLength(5);
  }, 40_000);

  it("a receiver that fails twice gets the notification on the third attempt (same Bundle id each time)", async () => {
    const bsn = freshBsn();
    const seen: string[] = [];
    receiver = fakeReceiver(async (_n, req) => {
      const text = await req.clone().text();
      if (!text.includes(bsn)) return new Response(null, { status: 204 });
      seen.push((JSON.parse(text) as { id: string }).id);
      return seen.length <= 2 ? new Response("busy", { status: 503 }) : new Response(null, { status: 200 });
    });
    const { token, id } = await subscribedPatient(bsn);
    const started = Date.now();
    await call("POST", "/v1/me/choices", await citizenToken(bsn), permit({ category: "huisarts" }));
    await eventually(() => expect(receiver.received.filter(forPatient(bsn))).toHaveLength(1), 15_000);
    expect(seen).toHaveLength(3);
    expect(new Set(seen).size).toBe(1);
    expect(receiver.received[0]!.body.id).toBe(seen[0]);
    // the backoff waited (1 s, then 2 s) between the attempts
    expect(Date.now() - started).toBeGreaterThanOrEqual(2500);
    const state = await call("GET", `/v1/subscriptions/${id}`, token);
    expect(state.body).toMatchObject({ status: "active", lastError: { message: "Attempt 2: The endpoint answered HTTP 503" } });
    expect(state.body.lastDeliveredAt).not.toBeNull();
  }, 30_000);

  it("a receiver that always fails: after the last retry the message goes to the dead-letter queue and the subscription shows the error", async () => {
    const bsn = freshBsn();
    let calls = 0;
    receiver = fakeReceiver(async (_n, req) =>
      (await req.clone().text()).includes(bsn) ? (calls++, new Response(null, { status: 500 })) : new Response(null, { status: 204 }),
    );
    const { token, id } = await subscribedPatient(bsn);
    await call("POST", "/v1/me/choices", await citizenToken(bsn), permit({ category: "huisarts" }));
    // dev: max_retries 3 -> 4 attempts (1 + 2 + 4 s of backoff), then the dead-letter queue's consumer
    await eventually(async () => expect((await call("GET", `/v1/subscriptions/${id}`, token)).body.status).toBe("error"), 25_000);
    expect(calls).toBe(4);
    const state = await call("GET", `/v1/subscriptions/${id}`, token);
    expect(state.body.lastError.message).toBe("Gave up after every retry failed; last: Attempt 4: The endpoint answered HTTP 500");
  }, 40_000);

  it("after DELETE the endpoint gets nothing", async () => {
    receiver = fakeReceiver();
    const { bsn, token, id } = await subscribedPatient();
    const citizen = await citizenToken(bsn);
    await call("POST", "/v1/me/choices", citizen, permit({ category: "huisarts" }));
    await eventually(() => expect(receiver.received.filter(forPatient(bsn))).toHaveLength(1));
    expect((await call("DELETE", `/fhir/Subscription/${id}`, token)).status).toBe(204);
    await call("POST", "/v1/me/choices", citizen, permit({ category: "huisarts" }, "GGC012"));
    await new Promise((r) => setTimeout(r, 2500));
    expect(receiver.received.filter(forPatient(bsn))).toHaveLength(1);
  }, 30_000);
});
