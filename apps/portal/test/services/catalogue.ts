/**
 * Seeding the real catalogue for a portal test through its API (publishers publish, researchers apply, the HDAB
 * decides), with tokens from the portal's development issuer. Every write's status is checked.
 */
import { env } from "cloudflare:test";
import type { DatasetInput } from "@regie/shared/contracts/catalogue";
import { minimalDataset } from "@regie/shared/testing/datasets";
import { callService, devToken } from "./call";

/**
 * Dataset n of the research catalogue: every third one a cancer registry of IKNL (3, 6, 9, 12: health category
 * PHDR), the others GP registries of Nivel (EHRS); number 4 is PUBLIC with a download, odd ones NON_PUBLIC, the
 * rest RESTRICTED.
 */
export function researchDataset(n: number): DatasetInput {
  const cancer = n % 3 === 0;
  const level = n === 4 ? "PUBLIC" : n % 2 ? "NON_PUBLIC" : "RESTRICTED";
  const base = minimalDataset();
  return minimalDataset({
    identifier: `portal-test-${n}`,
    title: cancer ? { nl: `Kankerregistratie ${n}`, en: `Cancer registry ${n}` } : { nl: `Huisartsregistratie ${n}`, en: `GP registry ${n}` },
    description: {
      nl: cancer ? "Gegevens over diagnoses van kanker in Nederland, per regio en jaar." : "Gegevens uit huisartsendossiers over chronische ziekten.",
    },
    accessRights: level,
    type: ["http://publications.europa.eu/resource/authority/dataset-type/PERSONAL_DATA"],
    healthCategory: [cancer ? "PHDR" : "EHRS"],
    keyword: [{ value: cancer ? "kanker" : "huisarts", lang: "nl" }],
    provenance: [{ label: { nl: "Verzameld uit de registratie" } }],
    distribution: [
      {
        ...base.distribution[0]!,
        accessURL: "https://data.regie.test/access",
        ...(level === "PUBLIC"
          ? { downloadURL: `https://data.regie.test/files/registry-${n}.csv`, title: { nl: "Open CSV-bestand", en: "Open CSV file" } }
          : {}),
      },
    ],
    minTypicalAge: 0,
    maxTypicalAge: 99,
    numberOfUniqueIndividuals: 120000 + n,
    temporal: [{ startDate: "2010-01-01", endDate: "2024-12-31" }],
  });
}

export const publisherOf = (n: number) => (n % 3 === 0 ? "iknl" : "nivel");

/** Publishes datasets 1..count (default 14); returns their ids by number. */
export async function publishResearchCatalogue(count = 14): Promise<Record<number, string>> {
  const ids: Record<number, string> = {};
  for (let n = 1; n <= count; n++) {
    const token = await devToken({ role: "publisher", publisherId: publisherOf(n) });
    const res = await (await callService("CATALOGUE", "POST", "/v1/datasets", token, researchDataset(n))).expect(201, `publishing dataset ${n}`);
    ids[n] = res.json<{ id: string }>().id;
  }
  return ids;
}

/** Publishes one dataset (number n of the research catalogue) and returns its id. */
export async function publishOne(n: number): Promise<string> {
  const token = await devToken({ role: "publisher", publisherId: publisherOf(n) });
  return (await (await callService("CATALOGUE", "POST", "/v1/datasets", token, researchDataset(n))).expect(201, `publishing dataset ${n}`)).json<{
    id: string;
  }>().id;
}

/**
 * A permit issued through the real workflow (draft, submit, under review, approved), then aged: its stored dates are
 * moved to 2024-03-01 .. 2025-02-28, as if that much time had passed. The catalogue refuses an end date in the past and
 * its clock cannot be moved from here, so the stored document is changed; the catalogue computes "expired" when read.
 */
export async function expiredPermit(datasetId: string, conditions: string[]): Promise<string> {
  const researcher = await devToken({ role: "researcher", sub: "researcher-tom", name: "Tom Peeters", organisation: "Nivel" });
  const hdab = await devToken({ role: "hdab", sub: "hdab-nl" });
  const draft = {
    kind: "data_request",
    datasetIds: [datasetId],
    applicant: { name: "Tom Peeters", organisation: "Nivel", email: "tom@nivel.test" },
    purpose: "PUBLIC_HEALTH",
    purposeDescription: "Griepgolf 2024 per regio.",
    requestedData: "Aantal diagnoses per regio en week",
    legalBasis: "PUBLIC_TASK",
    safeguards: "Cellen onder 10 onderdrukt",
    expectedOutputs: "Een tabel per regio en week",
    durationMonths: 3,
    notProhibitedDeclaration: true,
    ethicsAssessmentRequired: false,
  };
  const created = (await (await callService("CATALOGUE", "POST", "/v1/access-applications", researcher, draft)).expect(201, "the draft")).json<{
    id: string;
  }>();
  const path = `/v1/access-applications/${created.id}`;
  await callService("CATALOGUE", "POST", `${path}/submit`, researcher).then((r) => r.expect(200, "submitting"));
  await callService("CATALOGUE", "POST", `${path}/status`, hdab, { status: "under_review" }).then((r) => r.expect(200, "under review"));
  const approved = await callService("CATALOGUE", "POST", `${path}/status`, hdab, { status: "approved", reasons: "Voldoet", conditions }).then((r) =>
    r.expect(200, "approval"),
  );
  const permitId = approved.json<{ permitId: string }>().permitId;
  const aged = await env.CATALOGUE_DB.prepare(
    `UPDATE permits SET issued_at = '2024-03-01T10:00:00.000Z',
       doc = json_set(doc, '$.issuedAt', '2024-03-01T10:00:00.000Z', '$.startDate', '2024-03-01', '$.endDate', '2025-02-28') WHERE id = ?1`,
  )
    .bind(permitId)
    .run();
  if (aged.meta.changes !== 1) throw new Error(`ageing permit ${permitId} changed ${aged.meta.changes} rows`);
  return permitId;
}
