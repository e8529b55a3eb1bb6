import { env } from "cloudflare:test";
import { DEMO_CITIZENS } from "@regie/shared/demo";
import { describe, expect, it } from "vitest";
import { buildApp } from "../src/app";
import { call, checkBody, CITIZEN_READS, citizenToken, demoCitizen, providerToken } from "./helpers";

describe("POST /dev/seed", () => {
  // seeding writes the 10,000-organisation address book: seconds on a busy machine
  it("seeds the demo world once; a second call changes nothing", { timeout: 60_000 }, async () => {
    const first = await call("POST", "/dev/seed");
    expect(first.status).toBe(200);
    expect(first.body.seeded).toBe(DEMO_CITIZENS.length);
    const jan = await citizenToken(demoCitizen("jan").bsn);
    const choicesBefore = (await call("GET", "/v1/me/choices", jan)).body.items;
    expect(choicesBefore).toHaveLength(3);

    const second = await call("POST", "/dev/seed");
    expect(second.body.seeded).toBe(0);
    expect((await call("GET", "/v1/me/choices", jan)).body.items).toEqual(choicesBefore);
    expect((await call("GET", "/v1/me/access-log", jan)).body.items.filter((e: { action: string }) => e.action === "consent-check")).toHaveLength(2);
    // the address book: 10,000 organisations with the demo providers among them, by name and place
    expect((await env.DB.prepare("SELECT count(*) AS n FROM organisations").first<{ n: number }>())!.n).toBe(10_000);
    const found = await call("GET", "/v1/organisations?q=rivierenland", jan);
    expect(found.body.items).toContainEqual(expect.objectContaining({ ura: "00002002", name: "Ziekenhuis Rivierenland", place: "Tiel" }));
  });

  it("the seeded world answers as documented in docs/consent.md", { timeout: 60_000 }, async () => {
    await call("POST", "/dev/seed");
    const jan = demoCitizen("jan").bsn;
    const ask = async (bsn: string, holder: string, requester: string, dc: string) =>
      (await call("POST", "/v1/consent-check", await providerToken(requester), checkBody(bsn, holder, requester, [dc]))).body.decisions[0].decision;
    expect(await ask(jan, "huisarts", "ziekenhuis", "GGC002")).toBe("permit");
    expect(await ask(jan, "huisarts", "umc", "GGC002")).toBe("deny");
    expect(await ask(jan, "huisarts", "apotheek", "GGC013")).toBe("permit");
    expect(await ask(jan, "huisarts", "apotheek", "GGC002")).toBe("deny");
    expect(await ask(demoCitizen("daan").bsn, "huisarts", "ziekenhuis", "GGC002")).toBe("deny");
    expect(await ask(demoCitizen("sem").bsn, "huisarts", "ggz", "GGC002")).toBe("deny");
    expect(await ask(demoCitizen("noor").bsn, "huisarts", "ziekenhuis", "GGC002")).toBe("permit");

    const fatima = await citizenToken(demoCitizen("fatima").bsn);
    expect((await call("GET", "/v1/me/secondary-use", fatima)).body.optOut).toBe(true);
    const kids = (await call("GET", "/v1/me/children", fatima)).body.items;
    expect(kids.map((k: { name: string; guardianManages: boolean }) => [k.name, k.guardianManages])).toEqual([
      ["Sem el Amrani", false],
      ["Noor el Amrani", true],
    ]);
    const notes = (await call("GET", "/v1/me/notifications", fatima)).body.items.map((n: { kind: string }) => n.kind);
    expect(notes).toContain("choice-recorded-by-provider");
  });

  it("answers 404 outside development", async () => {
    const res = await buildApp("production").request("/dev/seed", { method: "POST" }, { ...env, ENVIRONMENT: "production" });
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
  });

  it("the OpenAPI document lists the consent routes", async () => {
    const doc = (await call("GET", "/openapi.json")).body;
    for (const path of [
      "/v1/consent-check",
      "/v1/locate",
      ...CITIZEN_READS,
      "/v1/me/choices/{id}",
      "/v1/secondary-use/cohort-filter",
      "/fhir/Consent",
      "/v1/subscriptions",
      "/v1/temporary-consent",
      "/v1/provider/choices",
    ]) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining(["ConsentCheckRequest", "ConsentCheckResponse", "Choice", "ChoiceInput", "CohortFilterRequest"]),
    );
  });
});
