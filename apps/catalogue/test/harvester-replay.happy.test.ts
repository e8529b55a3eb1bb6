// The calls ckanext-harvest's CKAN harvester and ckanext-dcat's DCAT harvester make to mirror a source, replayed
// against Regie: a full harvest, then changes (a new, an updated and a withdrawn dataset), then the harvester's next
// run. The mirror must end equal to Regie, the withdrawal included. The calls are listed in docs/catalogue.md.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import type { CkanPackage } from "@regie/shared/contracts/catalogue";
import { Parser } from "../src/rdf/n3";
import { BASE, minimalDataset, publish, publisher } from "./helpers";

type Envelope<T> = { success: boolean; result: T };

/** Python's urlencode() of the harvester's params (spaces as '+'). */
const urlencode = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** ckanext-harvest CKANHarvester._search_for_datasets: rows=100, start from 0, sort=id asc, until an empty page. */
async function searchForDatasets(fqTerms: string[]): Promise<CkanPackage[]> {
  const params: Record<string, string> = { rows: "100", start: "0", sort: "id asc" };
  if (fqTerms.length) params.fq = fqTerms.join(" ");
  const out: CkanPackage[] = [];
  const seen = new Set<string>();
  for (let guard = 0; guard < 100; guard++) {
    const res = await SELF.fetch(`${BASE}/api/3/action/package_search?${urlencode(params)}`);
    expect(res.status, await res.clone().text()).toBe(200);
    const page = ((await res.json()) as Envelope<{ results: CkanPackage[] }>).result.results;
    const fresh = page.filter((p) => !seen.has(p.id));
    for (const p of fresh) seen.add(p.id);
    out.push(...fresh);
    if (page.length === 0) return out;
    params.start = String(Number(params.start) + Number(params.rows));
  }
  throw new Error("paging did not end");
}

/** import_stage: package_create / package_update (a package with state "deleted" is deleted by package_update). */
function importInto(mirror: Map<string, CkanPackage>, pkgs: CkanPackage[]) {
  for (const p of pkgs) {
    const existing = mirror.get(p.id);
    if (existing && !(p.metadata_modified > existing.metadata_modified)) continue; // "unchanged"
    if (p.state === "deleted") mirror.delete(p.id);
    else mirror.set(p.id, p);
  }
}

/** Python: (gather_started - timedelta(hours=1)).isoformat() + "Z", with microseconds. */
const sinceLastJob = (gatherStarted: Date) => `${new Date(gatherStarted.getTime() - 3600_000).toISOString().replace("Z", "")}123Z`;

async function remove(id: string, who: string) {
  const res = await SELF.fetch(`${BASE}/v1/datasets/${id}`, { method: "DELETE", headers: await publisher(who) });
  expect(res.status).toBe(204);
}

describe("ckanext-harvest's CKAN harvester mirrors Regie, deletions included", () => {
  it("full harvest, then an incremental one that brings a new, an updated and a withdrawn dataset", async () => {
    const a = await publish("rivm", minimalDataset({ identifier: "MIRROR-A" }));
    const b = await publish("rivm", minimalDataset({ identifier: "MIRROR-B" }));
    const c = await publish("nivel", minimalDataset({ identifier: "MIRROR-C" }));

    // first job: no previous error-free job -> everything
    const mirror = new Map<string, CkanPackage>();
    const firstJob = new Date();
    importInto(mirror, await searchForDatasets([]));
    expect([...mirror.keys()]).toEqual(expect.arrayContaining([a.id, b.id, c.id]));

    // changes at the source
    await new Promise((r) => setTimeout(r, 1100)); // metadata_modified has whole seconds
    const d = await publish("nivel", minimalDataset({ identifier: "MIRROR-D" }));
    const put = await SELF.fetch(`${BASE}/v1/datasets/${a.id}`, {
      method: "PUT",
      headers: { ...(await publisher("rivm")), "content-type": "application/json" },
      body: JSON.stringify(minimalDataset({ identifier: "MIRROR-A", title: { nl: "Bijgewerkt", en: "Updated" } })),
    });
    expect(put.status).toBe(200);
    await remove(b.id, "rivm");

    // second job: only what changed since the last job (minus an hour)
    const changed = await searchForDatasets([`metadata_modified:[${sinceLastJob(firstJob)} TO *]`]);
    const byId = new Map(changed.map((p) => [p.id, p]));
    expect(byId.get(b.id)).toMatchObject({ state: "deleted", name: b.id });
    expect(byId.get(d.id)).toMatchObject({ state: "active" });
    importInto(mirror, changed);

    // the mirror equals Regie: package_list and package_show agree with it
    const list = ((await (await SELF.fetch(`${BASE}/api/3/action/package_list`)).json()) as Envelope<string[]>).result;
    expect([...mirror.keys()].sort()).toEqual([...list].sort());
    expect(mirror.has(b.id)).toBe(false);
    expect(mirror.get(a.id)!.title).toBe("Bijgewerkt");
    const shown = ((await (await SELF.fetch(`${BASE}/api/3/action/package_show?id=${a.id}`)).json()) as Envelope<CkanPackage>).result;
    expect(shown).toEqual(mirror.get(a.id));
    // package_show of the withdrawn dataset says so, as CKAN does
    const gone = ((await (await SELF.fetch(`${BASE}/api/3/action/package_show?id=${b.id}`)).json()) as Envelope<CkanPackage>).result;
    expect(gone.state).toBe("deleted");
  });

  it("honours the harvester's organization filters (include with OR, exclude with -) on withdrawn datasets too", async () => {
    const e = await publish("cbs", minimalDataset({ identifier: "MIRROR-E" }));
    await remove(e.id, "cbs");
    const since = `metadata_modified:[${sinceLastJob(new Date())} TO *]`;
    const included = await searchForDatasets(["organization:cbs OR organization:iknl", since]);
    expect(included.map((p) => [p.id, p.state])).toContainEqual([e.id, "deleted"]);
    expect(included.every((p) => p.organization.name === "cbs" || p.organization.name === "iknl")).toBe(true);
    const excluded = await searchForDatasets(["-organization:cbs", since]);
    expect(excluded.map((p) => p.id)).not.toContain(e.id);
    // a plain search (no range, no include_deleted) lists no withdrawn dataset, as CKAN's
    const plain = ((await (await SELF.fetch(`${BASE}/api/3/action/package_search?rows=1000`)).json()) as Envelope<{ results: CkanPackage[] }>).result.results;
    expect(plain.every((p) => p.state === "active")).toBe(true);
  });

  it("refuses what it cannot honour in a sync listing (400, never an ignored filter)", async () => {
    for (const qs of [
      `sort=id+asc&fq=${encodeURIComponent("res_format:CSV")}`,
      `sort=id+asc&q=diabetes`,
      `fq=${encodeURIComponent("metadata_modified:[yesterday TO *]")}`,
      `fq=${encodeURIComponent("metadata_modified:[* TO *]")}&sort=${encodeURIComponent("title_string asc")}`,
      `include_deleted=maybe`,
      `rows=-1`,
    ]) {
      const res = await SELF.fetch(`${BASE}/api/3/action/package_search?${qs}`);
      expect(res.status, qs).toBe(400);
      expect(((await res.json()) as { success: boolean }).success).toBe(false);
    }
  });
});

/** ckanext-dcat DCATRDFHarvester.gather_stage: follow hydra:next from the source URL, collect the dataset IRIs. */
async function walkCatalogue(url: string): Promise<{ datasets: Set<string>; deletes: Map<string, string> }> {
  const datasets = new Set<string>();
  const deletes = new Map<string, string>();
  let next: string | undefined = url;
  for (let guard = 0; next && guard < 100; guard++) {
    const res = await SELF.fetch(next, { headers: { accept: "text/turtle" } });
    expect(res.status).toBe(200);
    const quads = new Parser({ format: "text/turtle" }).parse(await res.text());
    next = undefined;
    for (const q of quads) {
      if (q.predicate.value === "http://www.w3.org/1999/02/22-rdf-syntax-ns#type" && q.object.value === "http://www.w3.org/ns/dcat#Dataset")
        datasets.add(q.subject.value);
      if (q.predicate.value === "http://www.w3.org/ns/hydra/core#next") next = q.object.value;
      if (q.predicate.value === "https://www.w3.org/ns/activitystreams#object") deletes.set(q.subject.value, q.object.value);
    }
  }
  return { datasets, deletes };
}

describe("ckanext-dcat's DCAT harvester mirrors catalog.ttl, deletions included", () => {
  it("a withdrawn dataset is missing from the full walk and listed as an as:Delete since the last harvest", async () => {
    const kept = await publish("umcu", minimalDataset({ identifier: "DCAT-KEPT" }));
    const gone = await publish("umcu", minimalDataset({ identifier: "DCAT-GONE" }));
    const before = await walkCatalogue(`${BASE}/catalog.ttl?pageSize=2`);
    expect(before.datasets).toContain(gone.iri);
    const since = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}/, "");
    await remove(gone.id, "umcu");

    const after = await walkCatalogue(`${BASE}/catalog.ttl?pageSize=2`);
    const deleted = [...before.datasets].filter((iri) => !after.datasets.has(iri)); // guids_in_db - guids_in_source
    expect(deleted).toEqual([gone.iri]);
    expect(after.datasets).toContain(kept.iri);
    expect(after.deletes.size).toBe(0); // a full harvest is plain DCAT-AP

    const incremental = await walkCatalogue(`${BASE}/catalog.ttl?pageSize=2&modified_since=${encodeURIComponent(since)}`);
    expect([...incremental.deletes.values()]).toContain(gone.iri);
    expect(incremental.datasets).not.toContain(gone.iri);
  });
});
