/**
 * A generated, realistic-looking Dutch provider address book for development and the benchmark (pure,
 * deterministic: the same count gives the same organisations). The demo providers (packages/shared/src/demo.ts)
 * come first with their own URAs; generated organisations get URAs from 10000000 up. About 2% are closed
 * (inactive), as in a real directory. The mix follows the Netherlands roughly: many GP practices, pharmacies,
 * dentists and care homes, few hospitals.
 */
import { DEMO_PROVIDERS } from "@regie/shared/demo";
import { mulberry32 } from "@regie/shared/util/prng";
import type { OrganisationEndpoint } from "@regie/shared/contracts/consent/address-book";
import type { OrganisationRecord } from "../address-book/record";
import { PLACES, QUARTERS, REGIONS, SURNAMES, TREES } from "./address-book-words";

export const DEMO_ADDRESS_BOOK_SIZE = 10_000;

const FIXED: readonly Omit<OrganisationRecord, "endpoints" | "sourceId">[] = [
  { ura: "09000001", name: "Huisartsenpost Rivierenland", organizationType: "N6", place: "Tiel", active: true },
  { ura: "09000002", name: "Apotheek Rivierenland", organizationType: "J8", place: "Culemborg", active: true },
  { ura: "09000003", name: "Thuiszorg Rivierenland", organizationType: "T2", place: "Geldermalsen", active: true },
  { ura: "09000004", name: "Verpleeghuis De Rivierenweide", organizationType: "R5", place: "Zaltbommel", active: false },
];

type Maker = (r: () => number, place: string) => string;
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

/** [organisation type, share of the whole, name pattern] */
const MIX: readonly [string, number, Maker][] = [
  [
    "Z3",
    0.36,
    (r, p) =>
      pick(r, [
        `Huisartsenpraktijk ${pick(r, SURNAMES)}`,
        `Huisartsenpraktijk ${pick(r, TREES)}`,
        `Gezondheidscentrum ${p} ${pick(r, QUARTERS)}`,
        `Huisartsen ${p}-${pick(r, QUARTERS)}`,
      ]),
  ],
  ["N6", 0.01, (r, p) => `Huisartsenpost ${p}`],
  ["J8", 0.16, (r, p) => pick(r, [`Apotheek ${p} ${pick(r, QUARTERS)}`, `Apotheek ${pick(r, TREES)}`, `Service Apotheek ${pick(r, SURNAMES)}`])],
  ["H1", 0.12, (r, p) => pick(r, [`Tandartspraktijk ${pick(r, SURNAMES)}`, `Mondzorg ${p} ${pick(r, QUARTERS)}`])],
  ["X3", 0.07, (r) => `Zorgcentrum ${pick(r, TREES)}`],
  ["R5", 0.03, (r) => `Verpleeghuis ${pick(r, TREES)}`],
  ["T2", 0.06, (r, p) => pick(r, [`Thuiszorg ${p}`, `Wijkverpleging ${pick(r, REGIONS)}`])],
  ["H2", 0.01, (r, p) => `Hospice ${p}`],
  ["G5", 0.06, (r, p) => pick(r, [`GGZ ${pick(r, REGIONS)}`, `Praktijk voor Psychotherapie ${pick(r, SURNAMES)}`, `GGZ-centrum ${p}`])],
  ["V6", 0.008, (r, p) => pick(r, [`Ziekenhuis ${p}`, `${p} Medisch Centrum`, `Streekziekenhuis ${pick(r, REGIONS)}`])],
  ["P4", 0.012, (r, p) => `Polikliniek ${p}`],
  ["Z4", 0.01, (r, p) => `Zelfstandig Behandelcentrum ${p}`],
  ["L1", 0.01, (r, p) => pick(r, [`Medisch Laboratorium ${p}`, `Regionaal Laboratorium ${pick(r, REGIONS)}`])],
  ["JGZ", 0.02, (r, p) => pick(r, [`Consultatiebureau ${p} ${pick(r, QUARTERS)}`, `Jeugdgezondheidszorg ${pick(r, REGIONS)}`])],
  ["G3", 0.03, (r, p) => `Verloskundigenpraktijk ${p}`],
  ["K4", 0.01, (r) => `Kraamzorg ${pick(r, REGIONS)}`],
  ["R8", 0.005, (r) => `Revalidatiecentrum ${pick(r, TREES)}`],
  ["DIA", 0.005, (r, p) => `Dialysecentrum ${p}`],
];
const TOTAL_SHARE = MIX.reduce((s, m) => s + m[1], 0);

function slug(name: string): string {
  return name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 40);
}

function endpointsFor(ura: string, name: string, r: () => number): OrganisationEndpoint[] {
  const host = `${slug(name)}-${ura}.zorg.example`;
  const out: OrganisationEndpoint[] = [
    {
      id: `${ura}-fhir`,
      purpose: "fhir-base",
      address: `https://${host}/fhir`,
      connectionType: "hl7-fhir-rest",
      status: "active",
      name: `FHIR ${name}`.slice(0, 120),
    },
  ];
  if (r() < 0.5)
    out.push({
      id: `${ura}-notify`,
      purpose: "notification",
      address: `https://${host}/notify`,
      connectionType: "hl7-fhir-rest",
      status: "active",
      name: null,
    });
  return out;
}

/** `count` organisations: the demo providers first, then generated ones. */
export function generateAddressBook(count: number, seed = 16): OrganisationRecord[] {
  return [...addressBookRecords(count, seed)];
}

/** The same organisations one at a time (the benchmark's 100,000 without holding them all). */
export function* addressBookRecords(count: number, seed = 16): Generator<OrganisationRecord> {
  const r = mulberry32(seed);
  let made = 0;
  for (const p of DEMO_PROVIDERS.slice(0, count)) {
    made++;
    yield {
      ura: p.ura,
      name: p.name,
      organizationType: p.organizationType,
      place: p.place,
      active: true,
      endpoints: endpointsFor(p.ura, p.name, () => 0),
      sourceId: null,
    };
  }
  for (const f of FIXED) {
    if (made >= count) return;
    made++;
    yield { ...f, endpoints: endpointsFor(f.ura, f.name, () => 0), sourceId: null };
  }
  // names are unique in the book: a repeated one gets its place, then a location number (large benchmark books)
  const names = new Set<string>();
  for (let i = 0; made < count; i++) {
    let x = r() * TOTAL_SHARE;
    let m = MIX[0]!;
    for (const candidate of MIX) {
      m = candidate;
      x -= candidate[1];
      if (x < 0) break;
    }
    const place = pick(r, PLACES);
    let name = m[2](r, place);
    if (names.has(name)) name = name.endsWith(place) ? name : `${name} ${place}`;
    const ura = String(10_000_000 + i * 7 + Math.floor(r() * 7));
    for (let k = 2; names.has(name); k++) name = `${name.replace(/, locatie \d+$/, "")}, locatie ${k}`;
    names.add(name);
    made++;
    yield { ura, name, organizationType: m[0], place, active: r() >= 0.02, endpoints: endpointsFor(ura, name, r), sourceId: null };
  }
}
