import { describe, expect, it } from "vitest";
import { call, checkBody, citizenToken, freshBsn, hdabToken, providerToken } from "./helpers";

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
    const r = await call("POST", "/v1/locate", await providerToken("apotheek"), { patient: { bsn: freshBsn() }, requester: { ura: "00002002", organizationType: "V6" }, purpose: "TREAT" });
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
    expect((await call("POST", "/v1/secondary-use/cohort-filter", await providerToken("huisarts"), { bsns: [freshBsn()], permitApprovedAt: "2026-01-01T00:00:00Z" })).status).toBe(403);
  });
});

describe("citizen isolation", () => {
  it("a citizen cannot see, change or withdraw another citizen's choice", async () => {
    const alice = freshBsn();
    const mallory = freshBsn();
    const c = await call("POST", "/v1/me/choices", await citizenToken(alice), { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" });
    const m = await citizenToken(mallory);
    expect((await call("GET", "/v1/me/choices", m)).body.items).toEqual([]);
    expect((await call("DELETE", `/v1/me/choices/${c.body.id}`, m)).status).toBe(404);
    expect((await call("PUT", `/v1/me/choices/${c.body.id}`, m, { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "deny" })).status).toBe(404);
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
