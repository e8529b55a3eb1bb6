/**
 * Seeding the real catalogue for the quality, vocabulary, JSON-LD and harvest-source pages (catalogue-pages.happy.test.ts)
 * through its API. The datasets differ in how well they are described, so the catalogue's own MQA score
 * (apps/catalogue/src/quality/) differs between them; every write's status is checked.
 */
import { env } from "cloudflare:test";
import type { DatasetInput } from "@regie/shared/contracts/catalogue";
import { minimalDataset } from "@regie/shared/testing/datasets";
import { callService, devToken } from "./call";
import { publisherOf, researchDataset } from "./catalogue";

const EU = "http://publications.europa.eu/resource/authority/";
export const HOSTILE_TITLE = "Titel </script><script>alert(1)</script> <!-- &amp;";

export interface QualityCatalogue {
  /** the best described dataset: "Huisartsregistratie 4", the only PUBLIC one, with a download, area and frequency but no licence */
  rich: string;
  richIri: string;
  /** "Kankerregistratie 3": no download URL */
  basic: string;
  /** a dataset whose title tries to end the JSON-LD script element */
  hostile: string;
}

/** Optional properties that each add points in the MQA (area, period, frequency, landing page, media type, licence). */
const EXTRAS: ((d: DatasetInput) => DatasetInput)[] = [
  (d) => ({ ...d, spatial: [`${EU}country/NLD`] }),
  (d) => ({ ...d, temporal: [{ startDate: "2015-01-01", endDate: "2023-12-31" }] }),
  (d) => ({ ...d, accrualPeriodicity: `${EU}frequency/ANNUAL` }),
  (d) => ({ ...d, landingPage: ["https://data.regie.test/about"] }),
  (d) => ({ ...d, distribution: d.distribution.map((x) => ({ ...x, mediaType: "http://www.iana.org/assignments/media-types/text/csv" })) }),
];

async function publish(publisherId: string, d: DatasetInput, what: string): Promise<{ id: string; iri: string }> {
  const token = await devToken({ role: "publisher", publisherId });
  return (await (await callService("CATALOGUE", "POST", "/v1/datasets", token, d)).expect(201, `publishing ${what}`)).json<{ id: string; iri: string }>();
}

/** Publishes the rich, the basic and the hostile dataset and nine more with 0..4 of the extras (12 in all). */
export async function publishQualityCatalogue(): Promise<QualityCatalogue> {
  const richInput = EXTRAS.reduce((d, add) => add(d), researchDataset(4));
  const rich = await publish(publisherOf(4), richInput, "the rich dataset");
  const basic = await publish(publisherOf(3), researchDataset(3), "the basic dataset");
  const hostileInput = minimalDataset({ identifier: "portal-test-hostile", title: { nl: HOSTILE_TITLE, en: "Title </script><script>alert(1)</script>" } });
  const hostile = await publish("nivel", hostileInput, "the hostile dataset");
  for (let i = 0; i < 9; i++) {
    const plain = minimalDataset({ identifier: `portal-test-q${i}`, title: { nl: `Registratie ${i}`, en: `Registry ${i}` } });
    const d = EXTRAS.slice(0, i % 5).reduce((x, add) => add(x), plain);
    await publish("nivel", d, `dataset q${i}`);
  }
  return { rich: rich.id, richIri: rich.iri, basic: basic.id, hostile: hostile.id };
}

/**
 * Registers a harvest source of `publisherId` at an address that does not resolve and runs it `runs` times through
 * `POST /v1/harvest-sources/{id}/run`: each run is a failed job in the source's history. Returns the source's id.
 */
export async function registerFailingSource(publisherId: string, title: string, runs: number): Promise<string> {
  const token = await devToken({ role: "publisher", publisherId });
  const body = { url: "https://harvest.regie.invalid/catalog.ttl", kind: "dcat", title, intervalMinutes: 1440 };
  const registered = await (await callService("CATALOGUE", "POST", "/v1/harvest-sources", token, body)).expect(201, "registering the source");
  const id = registered.json<{ id: string }>().id;
  for (let i = 0; i < runs; i++) {
    const job = (await (await callService("CATALOGUE", "POST", `/v1/harvest-sources/${id}/run`, token)).expect(200, `run ${i + 1}`)).json<{ status: string }>();
    if (job.status !== "failed") throw new Error(`run ${i + 1} of the unreachable source ended ${job.status}, not failed`);
  }
  return id;
}

export interface HarvestRun {
  status: string;
  added: number;
  updated: number;
  withdrawn: number;
  rejected: number;
}

async function setRound(n: number): Promise<void> {
  const res = await fetch(`${env.TEST_SOURCE_URL}/control/round?n=${n}`, { method: "POST" });
  if (res.status !== 204) throw new Error(`the local harvest source refused round ${n}: ${res.status}`);
}

/**
 * Registers the local harvest source (test/services/harvest-source.ts) for `publisherId` and runs it twice through
 * `POST /v1/harvest-sources/{id}/run`: round 1 (four datasets and a broken one), then round 2 (one gone, one new).
 * Returns the source's id and both runs as the catalogue answered them.
 */
export async function registerLocalSource(publisherId: string, title: string): Promise<{ id: string; runs: HarvestRun[] }> {
  const token = await devToken({ role: "publisher", publisherId });
  const body = { url: `${env.TEST_SOURCE_URL}/dcat/catalog.ttl`, kind: "dcat", title, intervalMinutes: 1440 };
  const registered = await (await callService("CATALOGUE", "POST", "/v1/harvest-sources", token, body)).expect(201, "registering the local source");
  const id = registered.json<{ id: string }>().id;
  const runs: HarvestRun[] = [];
  for (const round of [1, 2]) {
    await setRound(round);
    const run = await (await callService("CATALOGUE", "POST", `/v1/harvest-sources/${id}/run`, token)).expect(200, `harvest round ${round}`);
    runs.push(run.json<HarvestRun>());
  }
  return { id, runs };
}
