/**
 * Dutch and English labels of the EU controlled vocabularies a dataset page shows as IRIs: the subset of the
 * Publications Office's authority tables (EU Vocabularies, http://publications.europa.eu/resource/authority/…, their
 * skos:prefLabel in nl and en) that Regie's datasets use, plus the two regulations they cite (ELI). The vocabularies
 * Regie codes itself (data-theme, access-right, file-type, language: ./vocabularies.ts) are looked up there.
 * Source tables: dataset-type, country, frequency, licence, distribution-status, planned-availability; ELI for
 * legislation; ADMS publisher types (SEMIC). An IRI not in the table has no label: the page shows the IRI.
 */
import { ACCESS_RIGHTS, DATA_THEMES, FILE_TYPES, LANGUAGES, codeFromIri, labelOf, type Vocabulary } from "./vocabularies";

export interface Label {
  en: string;
  nl: string;
}

const EU = "http://publications.europa.eu/resource/authority/";

/** table -> code -> labels */
const TABLES: Record<string, Record<string, Label>> = {
  "dataset-type": {
    STATISTICAL: { en: "Statistical data", nl: "Statistische gegevens" },
    GEOSPATIAL: { en: "Geospatial data", nl: "Geografische gegevens" },
    HVD: { en: "High-value dataset", nl: "Dataset met hoge waarde" },
    PERSONAL_DATA: { en: "Personal data", nl: "Persoonsgegevens" },
    SYNTHETIC_DATA: { en: "Synthetic data", nl: "Synthetische gegevens" },
    TEST_DATA: { en: "Test data", nl: "Testgegevens" },
    CODE_LIST: { en: "Code list", nl: "Codelijst" },
  },
  country: {
    NLD: { en: "Netherlands", nl: "Nederland" },
    BEL: { en: "Belgium", nl: "België" },
    LUX: { en: "Luxembourg", nl: "Luxemburg" },
    DEU: { en: "Germany", nl: "Duitsland" },
    FRA: { en: "France", nl: "Frankrijk" },
    DNK: { en: "Denmark", nl: "Denemarken" },
    ESP: { en: "Spain", nl: "Spanje" },
    ITA: { en: "Italy", nl: "Italië" },
    AUT: { en: "Austria", nl: "Oostenrijk" },
    FIN: { en: "Finland", nl: "Finland" },
    SWE: { en: "Sweden", nl: "Zweden" },
  },
  frequency: {
    DAILY: { en: "daily", nl: "dagelijks" },
    WEEKLY: { en: "weekly", nl: "wekelijks" },
    MONTHLY: { en: "monthly", nl: "maandelijks" },
    QUARTERLY: { en: "quarterly", nl: "driemaandelijks" },
    ANNUAL_2: { en: "semiannual", nl: "halfjaarlijks" },
    ANNUAL: { en: "annual", nl: "jaarlijks" },
    BIENNIAL: { en: "biennial", nl: "tweejaarlijks" },
    IRREG: { en: "irregular", nl: "onregelmatig" },
    CONT: { en: "continuous", nl: "voortdurend" },
    UPDATE_CONT: { en: "continuously updated", nl: "voortdurend bijgewerkt" },
    NEVER: { en: "never", nl: "nooit" },
    UNKNOWN: { en: "unknown", nl: "onbekend" },
  },
  licence: {
    CC_BY_4_0: { en: "Creative Commons Attribution 4.0 International", nl: "Creative Commons Naamsvermelding 4.0 Internationaal" },
    CC_BYSA_4_0: { en: "Creative Commons Attribution-ShareAlike 4.0 International", nl: "Creative Commons Naamsvermelding-GelijkDelen 4.0 Internationaal" },
    CC0: { en: "Creative Commons CC0 1.0 Universal", nl: "Creative Commons CC0 1.0 Universeel" },
    ODC_BY: { en: "Open Data Commons Attribution License", nl: "Open Data Commons Attribution License" },
  },
  "distribution-status": {
    COMPLETED: { en: "completed", nl: "voltooid" },
    DEVELOP: { en: "under development", nl: "in ontwikkeling" },
    DEPRECATED: { en: "deprecated", nl: "verouderd" },
    WITHDRAWN: { en: "withdrawn", nl: "ingetrokken" },
  },
  "planned-availability": {
    AVAILABLE: { en: "available", nl: "beschikbaar" },
    EXPERIMENTAL: { en: "experimental", nl: "experimenteel" },
    STABLE: { en: "stable", nl: "stabiel" },
    TEMPORARY: { en: "temporary", nl: "tijdelijk" },
  },
};

/** Regulations datasets cite as dcatap:applicableLegislation (ELI IRIs). */
const LEGISLATION: Record<string, Label> = {
  "http://data.europa.eu/eli/reg/2025/327/oj": {
    en: "Regulation (EU) 2025/327 (European Health Data Space)",
    nl: "Verordening (EU) 2025/327 (Europese ruimte voor gezondheidsgegevens)",
  },
  "http://data.europa.eu/eli/reg/2016/679/oj": { en: "Regulation (EU) 2016/679 (GDPR)", nl: "Verordening (EU) 2016/679 (AVG)" },
  "http://data.europa.eu/eli/reg/2022/868/oj": {
    en: "Regulation (EU) 2022/868 (Data Governance Act)",
    nl: "Verordening (EU) 2022/868 (datagovernanceverordening)",
  },
};

/** ADMS publisher types (SEMIC, http://purl.org/adms/publishertype/), which DCAT-AP uses for dct:type of a publisher. */
const ADMS = "http://purl.org/adms/publishertype/";
const PUBLISHER_TYPES: Record<string, Label> = {
  NationalAuthority: { en: "National authority", nl: "Nationale overheid" },
  RegionalAuthority: { en: "Regional authority", nl: "Regionale overheid" },
  LocalAuthority: { en: "Local authority", nl: "Lokale overheid" },
  Academia: { en: "Academia/Scientific organisation", nl: "Academische/wetenschappelijke organisatie" },
  Company: { en: "Company", nl: "Bedrijf" },
  NonProfitOrganisation: { en: "Non-profit organisation", nl: "Organisatie zonder winstoogmerk" },
};

const CODED: readonly Vocabulary[] = [DATA_THEMES, ACCESS_RIGHTS, FILE_TYPES, LANGUAGES];

/** The label of an EU vocabulary IRI (http or https host) in `lang`, or undefined when the table does not have it. */
export function euLabel(iri: string, lang: "en" | "nl"): string | undefined {
  const plain = iri.replace(/^https:\/\//, "http://");
  const legal = LEGISLATION[plain];
  if (legal) return legal[lang];
  if (plain.startsWith(ADMS)) return PUBLISHER_TYPES[plain.slice(ADMS.length)]?.[lang];
  if (!plain.startsWith(EU)) return undefined;
  for (const v of CODED) {
    const code = codeFromIri(v, plain);
    if (code !== undefined && v.terms.some((t) => t.code === code)) return labelOf(v, code, lang);
  }
  const [table, code] = plain.slice(EU.length).split("/");
  return table && code ? TABLES[table]?.[code]?.[lang] : undefined;
}
