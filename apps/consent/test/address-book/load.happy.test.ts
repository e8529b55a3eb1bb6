/** The operator's load of a ZORG-AB / mCSD Bundle: idempotent, all or nothing per organisation, with a report. */
import { describe, expect, it } from "vitest";
import { call, citizenToken, providerToken } from "../helpers";
import { bundle, loadAddressBook as load, org, orgEntries, storedOrganisation as stored } from "./bundles";

const a = org("la", "62000001", "Huisartsenpraktijk Achterberg", "Z3", "Rhenen", [{ id: "la-e", address: "https://achterberg.example/fhir" }]);
const b = org("lb", "62000002", "Apotheek Elst", "J8", "Elst");

describe("POST /v1/operator/address-book", () => {
  it("adds, then leaves an identical load unchanged (idempotent), then reports a change", async () => {
    const first = await load(bundle(a, b));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ added: ["62000001", "62000002"], changed: [], unchanged: 0, deactivated: [], rejected: [] });
    const before = await stored("62000001");

    const again = await load(bundle(a, b));
    expect(again.body).toEqual({ added: [], changed: [], unchanged: 2, deactivated: [], rejected: [] });
    expect((await stored("62000001"))!.updated_at).toBe(before!.updated_at);

    const renamed = await load(bundle({ ...a, name: "Huisartsenpraktijk Achterberg-Rhenen" }, b));
    expect(renamed.body).toMatchObject({ added: [], changed: ["62000001"], unchanged: 1 });
    expect((await stored("62000001"))!.name).toBe("Huisartsenpraktijk Achterberg-Rhenen");
    // the search index follows the change
    const found = await call("GET", "/v1/organisations?q=achterberg%20rhenen", await citizenToken("999990007"));
    expect(found.body.items.map((o: { ura: string }) => o.ura)).toEqual(["62000001"]);
  });

  it("rejects an organisation whole when one of its endpoints is invalid, and loads the others", async () => {
    const good = org("lc", "62000003", "Fysiotherapie Kesteren", "Z5", "Kesteren");
    const bad = org("ld", "62000004", "Zorgcentrum Opheusden", "X3", "Opheusden", [
      { id: "ld-ok", address: "https://ok.example/fhir" },
      { id: "ld-bad", address: "not a url" },
    ]);
    const r = await load(bundle(good, bad));
    expect(r.body.added).toEqual(["62000003"]);
    expect(r.body.rejected).toEqual([{ ura: "62000004", resource: "Organization/ld", reasons: [expect.stringContaining("Endpoint/ld-bad: address")] }]);
    // nothing of the rejected organisation was written, not even its valid endpoint
    expect(await stored("62000004")).toBeNull();
  });

  it("keeps the stored version of an organisation whose new version is invalid", async () => {
    await load(bundle(org("le", "62000005", "Apotheek Wageningen", "J8", "Wageningen")));
    const r = await load(
      bundle(org("le", "62000005", "Apotheek Wageningen-Noord", "J8", "Wageningen", [{ id: "le-x", address: "https://x.example", status: "broken" }])),
    );
    expect(r.body.rejected).toHaveLength(1);
    expect((await stored("62000005"))!.name).toBe("Apotheek Wageningen");
  });

  it("names every reason: no URA, no name, unknown type, an endpoint without its organisation", async () => {
    const invalid = orgEntries(org("lf", "x", "", "QQ"))[0]!;
    const orphan = orgEntries({ id: "lg", ura: "62000007", name: "Weg", type: "J8", endpoints: [{ id: "lg-e", address: "https://weg.example/fhir" }] })[1]!;
    const r = await load({ resourceType: "Bundle", type: "collection", entry: [invalid, orphan] });
    expect(r.body.rejected).toHaveLength(2);
    expect(r.body.rejected[0]).toMatchObject({ ura: null, resource: "Organization/lf" });
    expect(r.body.rejected[0].reasons).toHaveLength(3);
    expect(r.body.rejected[1]).toMatchObject({ resource: "Endpoint/lg-e", reasons: [expect.stringContaining("Organization is not in this Bundle")] });
  });

  it("closes an organisation (active false) but keeps it resolvable", async () => {
    const c = org("lh", "62000008", "Huisartsenpraktijk Veenendaal-West", "Z3", "Veenendaal");
    await load(bundle(c));
    const r = await load(bundle({ ...c, active: false }));
    expect(r.body.deactivated).toEqual(["62000008"]);
    const got = await call("GET", "/v1/organisations/62000008", await citizenToken("999990007"));
    expect(got.body).toMatchObject({ name: "Huisartsenpraktijk Veenendaal-West", active: false });
  });

  it("is for operators only; a body that is not a Bundle is a 400", async () => {
    expect((await call("POST", "/v1/operator/address-book", await providerToken("huisarts"), bundle(a))).status).toBe(403);
    expect((await call("POST", "/v1/operator/address-book", await citizenToken("999990007"), bundle(a))).status).toBe(403);
    expect((await call("POST", "/v1/operator/address-book", undefined, bundle(a))).status).toBe(401);
    const r = await load({ resourceType: "Patient" });
    expect(r.status).toBe(400);
    expect(r.headers.get("content-type")).toMatch(/problem\+json/);
  });
});
