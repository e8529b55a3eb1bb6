/** Attachments: stored in R2, type checked by content, limits, and who may read them (everyone else: 404). */
import { env, SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, type AccessApplication, type Attachment } from "@regie/shared/contracts/catalogue";
import { api, applicationInput, BASE, hdab, minimalDataset, publish, publisher, researcher } from "./helpers";

const PDF = new TextEncoder().encode("%PDF-1.7\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n");

async function upload(appId: string, headers: Record<string, string>, body: Uint8Array | string, type = "application/pdf", name = "METC-besluit.pdf") {
  return SELF.fetch(`${BASE}/v1/access-applications/${appId}/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { ...headers, "content-type": type },
    body,
  });
}
async function problem(res: Response, status: number) {
  expect(res.status, await res.clone().text()).toBe(status);
  expect(res.headers.get("content-type")).toBe("application/problem+json");
}

let datasetId: string;
beforeAll(async () => {
  datasetId = (await publish("iknl", minimalDataset())).id;
});

async function draft(): Promise<AccessApplication> {
  const res = await api("/v1/access-applications", await researcher(), applicationInput(datasetId));
  expect(res.status).toBe(201);
  return (await res.json()) as AccessApplication;
}

describe("attachments", () => {
  it("the applicant uploads a PDF; applicant, collaborator and (after submission) the HDAB read it; everyone else gets 404", async () => {
    const anna = await researcher();
    const app = await draft();
    await api(`/v1/access-applications/${app.id}/collaborators`, anna, { id: "researcher-tom", name: "Tom", email: "tom@example.nl" });
    const res = await upload(app.id, anna, PDF);
    expect(res.status, await res.clone().text()).toBe(201);
    const a = (await res.json()) as Attachment;
    expect(a).toMatchObject({
      applicationId: app.id,
      name: "METC-besluit.pdf",
      contentType: "application/pdf",
      size: PDF.length,
      uploadedBy: "researcher-anna",
    });
    expect(await env.ATTACHMENTS.head(`applications/${app.id}/${a.id}`)).not.toBeNull();

    const path = `/v1/access-applications/${app.id}/attachments/${a.id}`;
    for (const who of [anna, await researcher("researcher-tom")]) {
      const got = await SELF.fetch(`${BASE}${path}`, { headers: who });
      expect(got.status).toBe(200);
      expect(got.headers.get("content-type")).toBe("application/pdf");
      expect(got.headers.get("content-disposition")).toMatch(/^attachment; filename="METC-besluit.pdf"/);
      expect(got.headers.get("x-content-type-options")).toBe("nosniff");
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(PDF);
    }
    // the HDAB does not see drafts, so not their attachments either
    await problem(await SELF.fetch(`${BASE}${path}`, { headers: await hdab() }), 404);
    const eve = await researcher("researcher-eve");
    await problem(await SELF.fetch(`${BASE}${path}`, { headers: eve }), 404);
    await problem(await SELF.fetch(`${BASE}/v1/access-applications/${app.id}/attachments`, { headers: eve }), 404);
    await problem(await upload(app.id, eve, PDF), 404);
    await problem(await SELF.fetch(`${BASE}${path}`, { headers: await publisher("iknl") }), 403);
    await problem(await SELF.fetch(`${BASE}${path}`), 401);

    expect((await api(`/v1/access-applications/${app.id}/submit`, anna, undefined, "POST")).status).toBe(200);
    expect((await SELF.fetch(`${BASE}${path}`, { headers: await hdab() })).status).toBe(200);
    const list = (await (await api(`/v1/access-applications/${app.id}/attachments`, await hdab())).json()) as { items: Attachment[] };
    expect(list.items.map((x) => x.id)).toEqual([a.id]);
    // a submitted application's documents stay with it
    await problem(await upload(app.id, anna, PDF), 409);
    await problem(await api(path, anna, undefined, "DELETE"), 409);
    await problem(await upload(app.id, await hdab(), PDF), 403);
  });

  it("the type is checked by content: HTML declared as PDF, an executable as text and unknown types are refused", async () => {
    const anna = await researcher();
    const app = await draft();
    await problem(await upload(app.id, anna, "<html><script>alert(1)</script></html>"), 415);
    await problem(await upload(app.id, anna, new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0]), "text/plain", "x.txt"), 415);
    await problem(await upload(app.id, anna, "<svg onload=alert(1)>", "image/svg+xml", "x.svg"), 415);
    await problem(await upload(app.id, anna, "<p>hi</p>", "text/html", "x.html"), 415);
    await problem(await upload(app.id, anna, new Uint8Array(), "application/pdf"), 415);
    const csv = await upload(app.id, anna, "year,count\n2024,12\n", "text/csv", "../../counts.csv");
    expect(csv.status).toBe(201);
    expect(((await csv.json()) as Attachment).name).toBe("counts.csv");
    const list = (await (await api(`/v1/access-applications/${app.id}/attachments`, anna)).json()) as { items: Attachment[] };
    expect(list.items).toHaveLength(1);
  });

  it(`limits: more than ${ATTACHMENT_MAX_BYTES} bytes is 413, more than ${ATTACHMENT_MAX_COUNT} files is 409`, async () => {
    const anna = await researcher();
    const app = await draft();
    const big = new Uint8Array(ATTACHMENT_MAX_BYTES + 1);
    big.set(PDF);
    await problem(await upload(app.id, anna, big), 413);
    for (let i = 0; i < ATTACHMENT_MAX_COUNT; i++) expect((await upload(app.id, anna, PDF, "application/pdf", `f${i}.pdf`)).status).toBe(201);
    await problem(await upload(app.id, anna, PDF), 409);
  });

  it("deleting a draft deletes its attachments from R2", async () => {
    const anna = await researcher();
    const app = await draft();
    for (let i = 0; i < 3; i++) expect((await upload(app.id, anna, PDF, "application/pdf", `f${i}.pdf`)).status).toBe(201);
    expect((await env.ATTACHMENTS.list({ prefix: `applications/${app.id}/` })).objects).toHaveLength(3);
    expect((await api(`/v1/access-applications/${app.id}`, await researcher("researcher-tom"), undefined, "DELETE")).status).toBe(404);
    expect((await api(`/v1/access-applications/${app.id}`, anna, undefined, "DELETE")).status).toBe(204);
    expect((await env.ATTACHMENTS.list({ prefix: `applications/${app.id}/` })).objects).toHaveLength(0);
    const rows = await env.DB.prepare(`SELECT count(*) AS n FROM application_attachments WHERE application_id = ?1`).bind(app.id).first<{ n: number }>();
    expect(rows?.n).toBe(0);
  });
});
