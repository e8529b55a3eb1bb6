import { describe, expect, it } from "vitest";
import { call, categoryChoice, checkBody, citizenToken, citizenWith, freshBsn, hdabToken, provider, providerToken } from "./helpers";

describe("either party asks (holder or requester)", () => {
  const professional = { uziNumber: "000095254", role: "01.015", mandatedBy: { uziNumber: "000012345", role: "01.015" } };

  it("holder and requester get the same answers to the same question; a third organisation gets 403; all three are in the log", async () => {
    const { bsn, t } = await citizenWith(categoryChoice("huisarts", "ziekenhuis", "GGC002"));
    const body = { ...checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002", "GGC013"]), professional };
    const asRequester = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), body);
    const asHolder = await call("POST", "/v1/consent-check", await providerToken("huisarts"), body);
    const asThird = await call("POST", "/v1/consent-check", await providerToken("apotheek"), body);
    expect(asRequester.status).toBe(200);
    expect(asHolder.status).toBe(200);
    expect(asHolder.body.decisions).toEqual(asRequester.body.decisions);
    expect(asHolder.body.decisions.map((d: { decision: string }) => d.decision)).toEqual(["permit", "permit"]);
    expect(asThird.status).toBe(403);
    expect(asThird.headers.get("content-type")).toBe("application/problem+json");

    const checks = (await call("GET", "/v1/me/access-log", t)).body.items.filter((e: { action: string }) => e.action === "consent-check");
    expect(checks).toHaveLength(2);
    const [byHolder, byRequester] = checks; // newest first
    expect(byHolder.actor).toMatchObject({ role: "provider", ura: provider("huisarts").ura, organizationType: "Z3" });
    expect(byHolder.onBehalfOf).toEqual({ ura: provider("ziekenhuis").ura, organizationType: "V6" });
    expect(byHolder.professional).toEqual({ uziNumber: "000095254", role: "01.015", mandatedBy: "000012345" });
    expect(byRequester.actor).toMatchObject({ ura: provider("ziekenhuis").ura, organizationType: "V6" });
    expect(byRequester.onBehalfOf).toBeNull();
    expect((await call("GET", "/v1/me/access-log/verify", t)).body).toMatchObject({ valid: true, entries: 3 });
  });

  it("a holder's URA with another organisation type is neither party -> 403", async () => {
    const body = checkBody(freshBsn(), "huisarts", "ziekenhuis", ["GGC002"]);
    body.holder.organizationType = "J8";
    expect((await call("POST", "/v1/consent-check", await providerToken("huisarts"), body)).status).toBe(403);
  });

  it("a malformed professional (UZI number) -> 400", async () => {
    const body = { ...checkBody(freshBsn(), "huisarts", "ziekenhuis", ["GGC002"]), professional: { uziNumber: "12", role: "01.015" } };
    const r = await call("POST", "/v1/consent-check", await providerToken("ziekenhuis"), body);
    expect(r.status).toBe(400);
    expect(r.body.errors[0].path).toBe("/professional/uziNumber");
  });
});

describe("provider authorisation", () => {
  it("a provider spoofing another URA as requester -> 403", async () => {
    const r = await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(freshBsn(), "huisarts", "ziekenhuis", ["GGC002"]));
    expect(r.status).toBe(403);
    expect(r.headers.get("content-type")).toBe("application/problem+json");
  });

  it("a provider claiming another organisation type -> 403", async () => {
    const body = checkBody(freshBsn(), "huisarts", "apotheek", ["GGC002"]);
    body.requester.organizationType = "V6";
    expect((await call("POST", "/v1/consent-check", await providerToken("apotheek"), body)).status).toBe(403);
  });

  it("locate as another URA -> 403", async () => {
    const r = await call("POST", "/v1/locate", await providerToken("apotheek"), {
      patient: { bsn: freshBsn() },
      requester: { ura: "00002002", organizationType: "V6" },
      purpose: "TREAT",
    });
    expect(r.status).toBe(403);
  });

  it("citizen and HDAB tokens cannot ask consent questions; no token -> 401", async () => {
    const body = checkBody(freshBsn(), "huisarts", "apotheek", ["GGC002"]);
    expect((await call("POST", "/v1/consent-check", await citizenToken(freshBsn()), body)).status).toBe(403);
    expect((await call("POST", "/v1/consent-check", await hdabToken(), body)).status).toBe(403);
    expect((await call("POST", "/v1/consent-check", undefined, body)).status).toBe(401);
  });

  it("a spoofed question is not answered and leaves no log entry for the patient", async () => {
    const bsn = freshBsn();
    await call("POST", "/v1/consent-check", await providerToken("apotheek"), checkBody(bsn, "huisarts", "ziekenhuis", ["GGC002"]));
    expect((await call("GET", "/v1/me/access-log", await citizenToken(bsn))).body.items).toEqual([]);
  });

  it("providers cannot use the citizen API, and citizens cannot use the provider API", async () => {
    expect((await call("GET", "/v1/me/choices", await providerToken("huisarts"))).status).toBe(403);
    expect((await call("POST", "/v1/subscriptions", await citizenToken(freshBsn()), { patient: { bsn: freshBsn() } })).status).toBe(403);
    expect(
      (await call("POST", "/v1/secondary-use/cohort-filter", await providerToken("huisarts"), { bsns: [freshBsn()], permitApprovedAt: "2026-01-01T00:00:00Z" }))
        .status,
    ).toBe(403);
  });
});

describe("citizen isolation", () => {
  it("a citizen cannot see, change or withdraw another citizen's choice", async () => {
    const alice = freshBsn();
    const mallory = freshBsn();
    const c = await call("POST", "/v1/me/choices", await citizenToken(alice), categoryChoice("huisarts", "apotheek", "GGC002"));
    const m = await citizenToken(mallory);
    expect((await call("GET", "/v1/me/choices", m)).body.items).toEqual([]);
    expect((await call("DELETE", `/v1/me/choices/${c.body.id}`, m)).status).toBe(404);
    expect((await call("PUT", `/v1/me/choices/${c.body.id}`, m, categoryChoice("huisarts", "apotheek", "GGC002", "deny"))).status).toBe(404);
    expect((await call("GET", "/v1/me/choices", await citizenToken(alice))).body.items).toHaveLength(1);
  });

  it("a citizen cannot act for someone who is not their child", async () => {
    const { pseudonym } = await import("./helpers");
    const other = await pseudonym(freshBsn());
    const r = await call("GET", `/v1/me/choices?child=${other}`, await citizenToken(freshBsn()));
    expect(r.status).toBe(403);
  });

  it("a citizen cannot read another citizen's FHIR consents", async () => {
    const r = await call("GET", `/fhir/Consent?patient=${freshBsn()}`, await citizenToken(freshBsn()));
    expect(r.status).toBe(403);
  });
});
