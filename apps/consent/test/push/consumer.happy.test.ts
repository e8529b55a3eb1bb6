// The push queue's consumer, called as the runtime calls it (createMessageBatch / getQueueResult from cloudflare:test):
// ack on delivery, retry with backoff on failure, nothing for a removed subscription, refused endpoints, the
// dead-letter queue marking the subscription `error`, and the outbox to the queue never blocking a write.
import { createExecutionContext, createMessageBatch, env, getQueueResult, runInDurableObject } from "cloudflare:test";
import { afterEach, describe, expect, it } from "vitest";
import worker from "../../src/index";
import type { PushMessage } from "../../src/push/message";
import { seal } from "../../src/push/sealed";
import { shardObject } from "../../src/storage/shards";
import { call, categoryChoice, citizenToken, freshBsn, provider, providerToken, pseudonym } from "../helpers";
import { fakeReceiver, fhirClient, r4Issues } from "./fhir-support";
import { storedConsent } from "./fixtures";

const QUEUE = "regie-consent-push-dev";
const DLQ = "regie-consent-push-dev-dlq";
const HOOK = "http://localhost:9921/hook";
const huisarts = provider("huisarts");

let receiver: ReturnType<typeof fakeReceiver> | undefined;
afterEach(() => receiver?.restore());

async function subscribed(endpoint = HOOK, headers?: string[]) {
  const bsn = freshBsn();
  const token = await providerToken("huisarts");
  const r = await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint, ...(headers ? { headers } : {}) } });
  expect(r.status).toBe(201);
  return { bsn, token, id: r.body.id as string };
}

async function message(sub: { bsn: string; id: string }, endpoint = HOOK, headers: string[] = []): Promise<PushMessage> {
  return {
    v: 1,
    notificationId: crypto.randomUUID(),
    subscriptionId: sub.id,
    subscriber: { ura: huisarts.ura, organizationType: "Z3" },
    endpoint,
    headersSealed: headers.length ? await seal(JSON.stringify(headers), "headers", env.PSEUDONYM_KEY) : null,
    patientSealed: await seal(sub.bsn, "patient", env.PSEUDONYM_KEY),
    consents: [storedConsent({ version: 2, status: "withdrawn" })],
    at: Date.now(),
  };
}

/** Runs one message through the worker's queue handler; `delays` are the retry delays it asked for (getQueueResult omits them). */
async function consume(queue: string, body: unknown, attempts = 1, e: Env = env) {
  const batch = createMessageBatch(queue, [{ id: "m-" + crypto.randomUUID(), timestamp: new Date(), attempts, body }]);
  const delays: (number | undefined)[] = [];
  const msg = batch.messages[0]!;
  const retry = msg.retry.bind(msg);
  Object.defineProperty(msg, "retry", { value: (o?: QueueRetryOptions) => (delays.push(o?.delaySeconds), retry(o)) });
  const ctx = createExecutionContext();
  await (worker.queue as ExportedHandlerQueueHandler<Env>)(batch, e, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

describe("push consumer", () => {
  it("delivers the notification Bundle with the subscriber's headers and acks; the Bundle is valid FHIR R4 (Consent + Patient + Organization)", async () => {
    const sub = await subscribed();
    const m = await message(sub, HOOK, ["Authorization: Bearer hook-secret"]);
    receiver = fakeReceiver();
    const result = await consume(QUEUE, m);
    expect(result.explicitAcks).toHaveLength(1);
    expect(result.retryMessages).toEqual([]);
    expect(receiver.received).toHaveLength(1);
    const got = receiver.received[0]!;
    expect(got.url).toBe(HOOK);
    expect(got.headers.get("authorization")).toBe("Bearer hook-secret");
    expect(got.headers.get("content-type")).toMatch(/^application\/fhir\+json/);
    expect(receiver.calls[0]!.redirect).toBe("manual");
    const bundle = got.body;
    expect(bundle).toMatchObject({ resourceType: "Bundle", type: "transaction", id: m.notificationId });
    expect(r4Issues(bundle)).toEqual([]);
    for (const e of bundle.entry) expect(r4Issues(e.resource), JSON.stringify(e.resource)).toEqual([]);
    expect(bundle.entry.map((e) => e.resource.resourceType)).toEqual(["Consent", "Patient", "Organization"]);
    const [consent, patient, organization] = bundle.entry.map((e) => e.resource) as [Record<string, any>, Record<string, any>, Record<string, any>]; // eslint-disable-line @typescript-eslint/no-explicit-any
    expect(consent).toMatchObject({ id: m.consents[0]!.id, status: "inactive", patient: { reference: `urn:uuid:${patient.id as string}` } });
    expect(bundle.entry[0]!.request).toEqual({ method: "PUT", url: `Consent/${m.consents[0]!.id}` });
    expect(patient.identifier).toEqual([{ system: "http://fhir.nl/fhir/NamingSystem/bsn", value: sub.bsn }]);
    expect(organization).toMatchObject({
      identifier: [{ system: "http://fhir.nl/fhir/NamingSystem/ura", value: huisarts.ura }],
      type: [{ coding: [{ code: "Z3" }] }],
    });

    const state = await call("GET", `/v1/subscriptions/${sub.id}`, sub.token);
    expect(state.body.status).toBe("active");
    expect(state.body.lastDeliveredAt).not.toBeNull();
  });

  it("a failure is recorded on the subscription and retried with backoff (1 s, 2 s, 4 s, … here; base from PUSH_RETRY_BASE_SECONDS)", async () => {
    const sub = await subscribed();
    receiver = fakeReceiver(() => new Response("down", { status: 503 }));
    for (const [attempts, delay] of [
      [1, 1],
      [2, 2],
      [3, 4],
    ] as const) {
      const result = await consume(QUEUE, await message(sub), attempts);
      expect(result.explicitAcks).toEqual([]);
      expect(result.retryMessages).toHaveLength(1);
      expect(result.delays).toEqual([delay]);
    }
    const state = await call("GET", `/v1/subscriptions/${sub.id}`, sub.token);
    expect(state.body.status).toBe("active");
    expect(state.body.lastError.message).toBe("Attempt 3: The endpoint answered HTTP 503");
    // the FHIR resource shows it as Subscription.error
    const fhir = (await fhirClient(sub.token).read({ resourceType: "Subscription", id: sub.id })) as unknown as { error: string };
    expect(fhir.error).toContain("Attempt 3: The endpoint answered HTTP 503");
  });

  it("a redirect is not followed and counts as a failure; a slow endpoint is aborted after PUSH_TIMEOUT_MS", async () => {
    const sub = await subscribed();
    receiver = fakeReceiver(() => new Response(null, { status: 302, headers: { location: "http://169.254.169.254/" } }));
    expect((await consume(QUEUE, await message(sub))).retryMessages).toHaveLength(1);
    expect((await call("GET", `/v1/subscriptions/${sub.id}`, sub.token)).body.lastError.message).toContain("redirect (302), which is not followed");
    receiver.restore();

    receiver = fakeReceiver((_n, req) => new Promise((_resolve, reject) => req.signal.addEventListener("abort", () => reject(req.signal.reason as Error))));
    const started = Date.now();
    const result = await consume(QUEUE, await message(sub), 1, { ...env, PUSH_TIMEOUT_MS: "100" });
    expect(Date.now() - started).toBeLessThan(3000);
    expect(result.retryMessages).toHaveLength(1);
    expect((await call("GET", `/v1/subscriptions/${sub.id}`, sub.token)).body.lastError.message).toBe("Attempt 1: No answer within 0.1 s");
  });

  it("sends nothing for a removed subscription (acked, no call)", async () => {
    const sub = await subscribed();
    expect((await call("DELETE", `/v1/subscriptions/${sub.id}`, sub.token)).status).toBe(204);
    receiver = fakeReceiver();
    const result = await consume(QUEUE, await message(sub));
    expect(result.explicitAcks).toHaveLength(1);
    expect(receiver.calls).toHaveLength(0);
  });

  it("in production refuses an http or loopback endpoint at delivery (acked, subscription error, no call)", async () => {
    const sub = await subscribed();
    receiver = fakeReceiver();
    const result = await consume(QUEUE, await message(sub), 1, { ...env, ENVIRONMENT: "production" });
    expect(result.explicitAcks).toHaveLength(1);
    expect(receiver.calls).toHaveLength(0);
    const state = await call("GET", `/v1/subscriptions/${sub.id}`, sub.token);
    expect(state.body.status).toBe("error");
    expect(state.body.lastError.message).toContain("The endpoint is not allowed");
  });

  it("a malformed message is dropped (acked), not retried forever", async () => {
    receiver = fakeReceiver();
    const result = await consume(QUEUE, { v: 1, hello: "world" });
    expect(result.explicitAcks).toHaveLength(1);
    expect(receiver.calls).toHaveLength(0);
  });

  it("the dead-letter queue marks the subscription error with the last failure; a later delivery makes it active again", async () => {
    const sub = await subscribed();
    receiver = fakeReceiver(() => new Response(null, { status: 500 }));
    await consume(QUEUE, await message(sub), 4);
    const dead = await consume(DLQ, await message(sub));
    expect(dead.explicitAcks).toHaveLength(1);
    const fhir = (await fhirClient(sub.token).read({ resourceType: "Subscription", id: sub.id })) as unknown as { status: string; error: string };
    expect(fhir.status).toBe("error");
    expect(fhir.error).toContain("Gave up after every retry failed; last: Attempt 4: The endpoint answered HTTP 500");
    expect(r4Issues(fhir)).toEqual([]);
    receiver.restore();

    receiver = fakeReceiver();
    await consume(QUEUE, await message(sub));
    expect((await call("GET", `/v1/subscriptions/${sub.id}`, sub.token)).body.status).toBe("active");
  });
});

describe("outbox to the push queue", () => {
  it("a queue failure never blocks or undoes the write: the push stays in the outbox and goes out on the next flush", async () => {
    const bsn = freshBsn();
    const token = await providerToken("huisarts");
    expect((await call("POST", "/v1/subscriptions", token, { patient: { bsn }, channel: { endpoint: HOOK } })).status).toBe(201);
    const stub = shardObject(env, await pseudonym(bsn));
    const sent: unknown[] = [];
    await runInDurableObject(stub, (shard) => {
      shard.seams.queue = () =>
        ({ send: () => Promise.reject(new Error("queue down")), sendBatch: () => Promise.reject(new Error("queue down")) }) as unknown as Queue;
    });
    const r = await call("POST", "/v1/me/choices", await citizenToken(bsn), categoryChoice("huisarts", "apotheek", "GGC013"));
    expect(r.status).toBe(201);
    expect(await stub.outboxSize()).toBeGreaterThan(0);
    await runInDurableObject(stub, (shard) => {
      shard.seams.queue = () => ({ sendBatch: (msgs: { body: unknown }[]) => void sent.push(...msgs.map((m) => m.body)) }) as unknown as Queue;
    });
    expect(await stub.flushOutbox()).toBe(true);
    expect(await stub.outboxSize()).toBe(0);
    expect(sent).toEqual([
      expect.objectContaining({ subscriptionId: expect.any(String), consents: [expect.objectContaining({ id: r.body.id, status: "active" })] }),
    ]);
    expect(JSON.stringify(sent)).not.toContain(bsn);
    await runInDurableObject(stub, (shard) => {
      shard.seams.queue = () => env.PUSH_QUEUE;
    });
  });
});
