/**
 * Synthetic HealthDCAT-AP datasets for demos and benchmarks: seeded (same seed and index -> same dataset),
 * Dutch and English text, varied publishers, EHDS categories, themes, formats, ages, coverage and sizes.
 * Every generated dataset passes the publishing validator. Pure.
 */
import { DEMO_PUBLISHERS, type DemoPublisher } from "@regie/shared/demo";
import { EHDS_REGULATION, HEALTH_CATEGORIES, type DatasetInput } from "@regie/shared/contracts/catalogue";
import { mulberry32 } from "@regie/shared/util/prng";
import { VARIETY_PUBLISHER_LIST, varietyKeywords } from "./variety";

const TOPICS = [
  { nl: "oncologie", en: "oncology", kw: ["kanker", "cancer"], theme: "CANCER_DISEASE" },
  { nl: "borstkanker", en: "breast cancer", kw: ["kanker", "cancer", "mammografie"], theme: "CANCER_DISEASE" },
  { nl: "diabetes type 2", en: "type 2 diabetes", kw: ["diabetes", "glucose"], theme: "NONCOMMUNICABLE_DISEASES" },
  { nl: "hartfalen", en: "heart failure", kw: ["cardiologie", "cardiology"], theme: "NONCOMMUNICABLE_DISEASES" },
  { nl: "beroerte", en: "stroke", kw: ["neurologie", "neurology"], theme: "NONCOMMUNICABLE_DISEASES" },
  { nl: "depressie", en: "depression", kw: ["ggz", "mental health"], theme: "MENTAL_HEALTH" },
  { nl: "dementie", en: "dementia", kw: ["ouderen", "elderly", "neurologie"], theme: "MENTAL_HEALTH" },
  { nl: "astma", en: "asthma", kw: ["longziekten", "respiratory"], theme: "RESPIRATORY_DISEASES" },
  { nl: "COPD", en: "COPD", kw: ["longziekten", "respiratory"], theme: "RESPIRATORY_DISEASES" },
  { nl: "griep", en: "influenza", kw: ["infectieziekten", "infectious diseases", "vaccinatie"], theme: "RESPIRATORY_DISEASES" },
  { nl: "zwangerschap", en: "pregnancy", kw: ["geboorte", "perinatal"], theme: "LIFECOURSE_HEALTH" },
  { nl: "jeugdgezondheid", en: "child health", kw: ["kinderen", "children"], theme: "LIFECOURSE_HEALTH" },
  { nl: "vaccinatiegraad", en: "vaccination coverage", kw: ["vaccinatie", "immunisation"], theme: "IMMUNIZATION_DISEASES" },
  { nl: "antibioticaresistentie", en: "antimicrobial resistance", kw: ["antibiotica", "antibiotics"], theme: "ANTIMICROBIAL_CONTROL" },
  { nl: "obesitas", en: "obesity", kw: ["leefstijl", "lifestyle", "voeding"], theme: "NUTRITION_SECURITY" },
  { nl: "luchtkwaliteit en gezondheid", en: "air quality and health", kw: ["milieu", "environment"], theme: "ENVIRONMENTAL_HEALTH" },
  { nl: "nierfalen", en: "kidney failure", kw: ["nefrologie", "nephrology", "dialyse"], theme: "NONCOMMUNICABLE_DISEASES" },
  { nl: "reuma", en: "rheumatoid arthritis", kw: ["reumatologie", "rheumatology"], theme: "NONCOMMUNICABLE_DISEASES" },
  { nl: "huisartsenzorg", en: "general practice care", kw: ["eerstelijnszorg", "primary care"], theme: "HEALTH_SYSTEMS" },
  { nl: "genomica van zeldzame ziekten", en: "rare disease genomics", kw: ["genetica", "genomics"], theme: "HEALTH_PRODUCTS" },
] as const;

const KINDS = [
  { nl: "Cohortstudie", en: "cohort study", cat: ["RQSH", "EHRS"] },
  { nl: "Register", en: "registry", cat: ["MRMR", "PHDR"] },
  { nl: "Vragenlijstonderzoek", en: "survey", cat: ["RQSH", "DIOH"] },
  { nl: "Declaratiegegevens", en: "claims data", cat: ["HRAD", "NRPE"] },
  { nl: "EPD-extractie", en: "EHR extract", cat: ["EHRS"] },
  { nl: "Biobank", en: "biobank", cat: ["EINS", "HGPD"] },
  { nl: "Klinische studie", en: "clinical trial", cat: ["EHCT"] },
  { nl: "Wearable-metingen", en: "wearable measurements", cat: ["PGEH", "WELA"] },
] as const;

const REGIONS = ["Nederland", "Utrecht", "Rotterdam", "Amsterdam", "Groningen", "Noord-Brabant", "Limburg", "Zeeland", "Gelderland", "Friesland"];
const FORMATS = ["CSV", "PARQUET", "JSON", "XLSX", "SAS", "TSV"];
const AGE_BANDS: [number, number][] = [
  [0, 17],
  [18, 65],
  [65, 110],
  [0, 110],
  [18, 110],
  [4, 12],
  [12, 25],
  [45, 90],
];
const pick = <T>(r: () => number, xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;

export type Variety = "demo" | "realistic";

/**
 * One dataset. `variety: "realistic"` (scale benchmarks) spreads datasets over 500 publishers and adds 5
 * Zipf-distributed keywords from 5,000 (./variety.ts); the rest is the same.
 */
export function generateDataset(
  seed: number,
  index: number,
  publishers: readonly DemoPublisher[] = DEMO_PUBLISHERS,
  variety: Variety = "demo",
): DatasetInput & { publisherId: string } {
  const r = mulberry32((seed * 1_000_003 + index * 7919) >>> 0);
  if (variety === "realistic") publishers = VARIETY_PUBLISHER_LIST;
  const topic = pick(r, TOPICS);
  const kind = pick(r, KINDS);
  const region = pick(r, REGIONS);
  const publisher = publishers[index % publishers.length]!;
  const startYear = 2000 + Math.floor(r() * 22);
  const endYear = Math.min(2025, startYear + 1 + Math.floor(r() * 8));
  const [minAge, maxAge] = pick(r, AGE_BANDS);
  const individuals = Math.floor(500 + r() ** 3 * 2_000_000);
  const format = pick(r, FORMATS);
  const extraCategory = r() < 0.3 ? [pick(r, HEALTH_CATEGORIES.terms).code] : [];
  const categories = [...new Set([...kind.cat, ...extraCategory])] as DatasetInput["healthCategory"];
  const bilingual = r() < 0.7;
  const identifier = `${publisher.publisherId.toUpperCase()}-${index.toString().padStart(6, "0")}`;
  const titleNl = `${kind.nl} ${topic.nl} ${region} ${startYear}-${endYear}`;
  const titleEn = `${topic.en[0]!.toUpperCase()}${topic.en.slice(1)} ${kind.en} ${region} ${startYear}-${endYear}`;
  const descNl = `${kind.nl} naar ${topic.nl} bij ${individuals.toLocaleString("nl-NL")} personen van ${minAge} tot ${maxAge} jaar in ${region}, ${startYear} tot en met ${endYear}. Gepseudonimiseerde gegevens voor secundair gebruik via de HDAB.`;
  const descEn = `A ${kind.en} on ${topic.en} covering ${individuals.toLocaleString("en-GB")} people aged ${minAge} to ${maxAge} in ${region}, ${startYear} to ${endYear}. Pseudonymised data for secondary use through the HDAB.`;
  const agentContact = (who: string) => ({ email: `datadesk@${who}.example.nl`, contactPage: `https://${who}.example.nl/contact` });
  const languages = bilingual ? ["NLD", "ENG"] : ["NLD"];
  const ds: DatasetInput & { publisherId: string } = {
    publisherId: publisher.publisherId,
    identifier,
    title: bilingual ? { nl: titleNl, en: titleEn } : { nl: titleNl },
    description: bilingual ? { nl: descNl, en: descEn } : { nl: descNl },
    accessRights: "NON_PUBLIC",
    applicableLegislation: [EHDS_REGULATION],
    type: ["http://publications.europa.eu/resource/authority/dataset-type/STATISTICAL"],
    language: languages,
    issued: `${endYear}-0${1 + Math.floor(r() * 9)}-1${Math.floor(r() * 9)}`,
    modified: `2025-${String(1 + Math.floor(r() * 12)).padStart(2, "0")}-${String(1 + Math.floor(r() * 28)).padStart(2, "0")}`,
    publisher: {
      name: { nl: publisher.name },
      type: "http://purl.org/adms/publishertype/NationalAuthority",
      contactPoint: agentContact(publisher.publisherId),
    },
    hdab: { name: { nl: "Health Data Access Body Nederland", en: "Health Data Access Body Netherlands" }, contactPoint: agentContact("hdab") },
    custodian: { name: { nl: publisher.name }, contactPoint: agentContact(publisher.publisherId) },
    contactPoint: [{ email: `data@${publisher.publisherId}.example.nl`, url: publisher.homepage }],
    theme: r() < 0.25 ? ["HEAL", "SOCI"] : r() < 0.1 ? ["HEAL", "TECH"] : ["HEAL"],
    healthCategory: categories,
    healthTheme: [topic.theme],
    keyword: [
      { value: topic.nl, lang: "nl" },
      ...(bilingual ? [{ value: topic.en, lang: "en" }] : []),
      ...topic.kw.map((k) => ({ value: k })),
      { value: kind.en, lang: "en" },
      ...(variety === "realistic" ? varietyKeywords(mulberry32((seed * 7 + index * 104_729) >>> 0)).map((value) => ({ value })) : []),
    ],
    spatial: ["http://publications.europa.eu/resource/authority/country/NLD"],
    temporal: [{ startDate: `${startYear}-01-01`, endDate: `${endYear}-12-31` }],
    provenance: [
      {
        label: {
          nl: `Verzameld door ${publisher.name} uit routinezorg en registraties.`,
          en: `Collected by ${publisher.name} from routine care and registries.`,
        },
      },
    ],
    distribution: [
      {
        title: { nl: `Beveiligde extractie (${format})`, en: `Secure extract (${format})` },
        applicableLegislation: [EHDS_REGULATION],
        accessURL: `${publisher.homepage}/data-aanvragen/${identifier.toLowerCase()}`,
        format,
        language: languages,
      },
    ],
    purpose: [{ description: { nl: "Wetenschappelijk onderzoek en beleid", en: "Scientific research and policy" } }],
    legalBasis: [
      { description: { nl: "EHDS-vergunning (verordening (EU) 2025/327)", en: "EHDS data permit (Regulation (EU) 2025/327)" }, source: EHDS_REGULATION },
    ],
    hasStructuredData: r() < 0.5,
    minTypicalAge: minAge,
    maxTypicalAge: maxAge,
    numberOfRecords: individuals * (1 + Math.floor(r() * 20)),
    numberOfUniqueIndividuals: individuals,
    populationCoverage: { nl: `Personen van ${minAge} tot ${maxAge} jaar in ${region}`, en: `People aged ${minAge} to ${maxAge} in ${region}` },
  };
  if (ds.hasStructuredData) {
    ds.variables = [
      {
        title: { en: "Variables", nl: "Variabelen" },
        tables: [
          {
            title: { en: "Main table", nl: "Hoofdtabel" },
            columns: [
              {
                name: "pseudoId",
                title: { en: "Pseudonymous id", nl: "Pseudoniem" },
                datatype: "string",
                description: { en: "Pseudonymised person identifier", nl: "Gepseudonimiseerde persoonsidentificatie" },
              },
              {
                name: "birthYear",
                title: { en: "Year of birth", nl: "Geboortejaar" },
                datatype: "integer",
                description: { en: "Year of birth", nl: "Geboortejaar" },
              },
              {
                name: "diagnosis",
                title: { en: "Diagnosis", nl: "Diagnose" },
                datatype: "string",
                description: { en: "ICD-10 diagnosis code", nl: "ICD-10-diagnosecode" },
              },
            ],
          },
        ],
      },
    ];
  }
  return ds;
}
