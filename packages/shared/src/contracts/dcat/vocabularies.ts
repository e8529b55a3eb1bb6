/**
 * Controlled vocabularies used by HealthDCAT-AP Release 8 (on DCAT-AP 3.0.1), with Dutch and English labels.
 * JSON carries the short code; RDF carries the canonical IRI. IRIs from older hosts (the HealthDCAT-AP test
 * server, http/https variants) are normalised to the canonical one by `codeFromIri`.
 */

export interface VocabularyTerm {
  code: string;
  en: string;
  nl: string;
}

export interface Vocabulary {
  /** canonical namespace: code IRI = namespace + code */
  namespace: string;
  /** other namespaces whose IRIs mean the same code */
  aliases: string[];
  terms: readonly VocabularyTerm[];
  /** true when any code under the namespace is accepted (labels fall back to the code) */
  open?: boolean;
}

const EU = "http://publications.europa.eu/resource/authority/";
const HDEU = "https://hdeu-dcat.data.health.europa.eu/resource/authority/";
/** Hosts that served the HealthDCAT-AP vocabularies before the official one. */
const OLD_HDEU = [
  "http://13.81.34.152:1101/resource/authority/",
  "https://healthdcat-ap.github.io/resource/authority/",
  "http://hdeu-dcat.data.health.europa.eu/resource/authority/",
];
const euAliases = (path: string) => [`https://publications.europa.eu/resource/authority/${path}/`];
const hdeuAliases = (path: string) => OLD_HDEU.map((h) => `${h}${path}/`);

export const DATA_THEMES: Vocabulary = {
  namespace: `${EU}data-theme/`,
  aliases: euAliases("data-theme"),
  terms: [
    { code: "AGRI", en: "Agriculture, fisheries, forestry and food", nl: "Landbouw, visserij, bosbouw en voeding" },
    { code: "ECON", en: "Economy and finance", nl: "Economie en financiën" },
    { code: "EDUC", en: "Education, culture and sport", nl: "Onderwijs, cultuur en sport" },
    { code: "ENER", en: "Energy", nl: "Energie" },
    { code: "ENVI", en: "Environment", nl: "Milieu" },
    { code: "GOVE", en: "Government and public sector", nl: "Overheid en publieke sector" },
    { code: "HEAL", en: "Health", nl: "Gezondheid" },
    { code: "INTR", en: "International issues", nl: "Internationale vraagstukken" },
    { code: "JUST", en: "Justice, legal system and public safety", nl: "Justitie, rechtsstelsel en openbare veiligheid" },
    { code: "REGI", en: "Regions and cities", nl: "Regio's en steden" },
    { code: "SOCI", en: "Population and society", nl: "Bevolking en samenleving" },
    { code: "TECH", en: "Science and technology", nl: "Wetenschap en technologie" },
    { code: "TRAN", en: "Transport", nl: "Vervoer" },
  ],
};

export const ACCESS_RIGHTS: Vocabulary = {
  namespace: `${EU}access-right/`,
  aliases: euAliases("access-right"),
  terms: [
    { code: "PUBLIC", en: "Public", nl: "Openbaar" },
    { code: "RESTRICTED", en: "Restricted", nl: "Beperkt" },
    { code: "NON_PUBLIC", en: "Non-public", nl: "Niet openbaar" },
  ],
};

/** The 17 minimum categories of electronic health data for secondary use (EHDS, Regulation (EU) 2025/327, Art. 51). */
export const HEALTH_CATEGORIES: Vocabulary = {
  namespace: `${HDEU}healthcategories/`,
  aliases: hdeuAliases("healthcategories"),
  terms: [
    { code: "EHRS", en: "Electronic health data from EHRs", nl: "Elektronische gezondheidsgegevens uit EPD's" },
    {
      code: "DIOH",
      en: "Data on factors impacting on health, including socio-economic, environmental and behavioural determinants",
      nl: "Gegevens over factoren die de gezondheid beïnvloeden, waaronder sociaaleconomische, omgevings- en gedragsdeterminanten",
    },
    {
      code: "NRPE",
      en: "Aggregated data on healthcare needs, resources, provision of and access to care, expenditure and financing",
      nl: "Geaggregeerde gegevens over zorgbehoeften, middelen, zorgverlening en -toegang, uitgaven en financiering",
    },
    { code: "RPDG", en: "Data on pathogens that impact human health", nl: "Gegevens over ziekteverwekkers die de menselijke gezondheid beïnvloeden" },
    {
      code: "HRAD",
      en: "Healthcare-related administrative data, including dispensations, claims and reimbursements",
      nl: "Zorggerelateerde administratieve gegevens, waaronder verstrekkingen, declaraties en vergoedingen",
    },
    { code: "HGPD", en: "Human genetic, epigenomic and genomic data", nl: "Menselijke genetische, epigenomische en genomische gegevens" },
    {
      code: "HPML",
      en: "Other human molecular data (proteomic, transcriptomic, metabolomic, lipidomic and other omics)",
      nl: "Overige menselijke moleculaire gegevens (proteomics, transcriptomics, metabolomics, lipidomics en andere omics)",
    },
    {
      code: "PGEH",
      en: "Personal electronic health data automatically generated through medical devices",
      nl: "Persoonlijke elektronische gezondheidsgegevens automatisch gegenereerd door medische hulpmiddelen",
    },
    { code: "WELA", en: "Data from wellness applications", nl: "Gegevens uit welzijnsapplicaties" },
    {
      code: "IDHP",
      en: "Data on professional status, specialisation and institution of health professionals",
      nl: "Gegevens over beroepsstatus, specialisatie en instelling van zorgprofessionals",
    },
    {
      code: "PHDR",
      en: "Data from population-based health data registries (public health registries)",
      nl: "Gegevens uit populatiegebaseerde gezondheidsregisters (volksgezondheidsregisters)",
    },
    { code: "MRMR", en: "Data from medical registries and mortality registries", nl: "Gegevens uit medische registers en sterfteregisters" },
    {
      code: "EHCT",
      en: "Data from clinical trials, clinical studies, clinical investigations and performance studies",
      nl: "Gegevens uit klinische proeven, klinische studies, klinisch onderzoek en prestatiestudies",
    },
    { code: "EMRD", en: "Other health data from medical devices", nl: "Overige gezondheidsgegevens uit medische hulpmiddelen" },
    {
      code: "RMMD",
      en: "Data from registries for medicinal products and medical devices",
      nl: "Gegevens uit registers voor geneesmiddelen en medische hulpmiddelen",
    },
    {
      code: "RQSH",
      en: "Data from research cohorts, questionnaires and surveys related to health",
      nl: "Gegevens uit onderzoekscohorten, vragenlijsten en enquêtes over gezondheid",
    },
    { code: "EINS", en: "Health data from biobanks and associated databases", nl: "Gezondheidsgegevens uit biobanken en bijbehorende databanken" },
  ],
};

export const HEALTH_THEMES: Vocabulary = {
  namespace: `${HDEU}health-theme/`,
  aliases: hdeuAliases("health-theme"),
  open: true,
  terms: [
    { code: "CANCER_DISEASE", en: "Cancer", nl: "Kanker" },
    { code: "HEALTH_SYSTEMS", en: "Health systems, quality, care models and determinants", nl: "Zorgstelsels, kwaliteit, zorgmodellen en determinanten" },
    { code: "MENTAL_HEALTH", en: "Mental, neurological and substance use", nl: "Geestelijke gezondheid, neurologie en middelengebruik" },
    {
      code: "NONCOMMUNICABLE_DISEASES",
      en: "Noncommunicable diseases: metabolic and cardiopulmonary",
      nl: "Niet-overdraagbare ziekten: metabool en cardiopulmonaal",
    },
    { code: "RESPIRATORY_DISEASES", en: "Respiratory infectious diseases", nl: "Infectieziekten van de luchtwegen" },
    {
      code: "LIFECOURSE_HEALTH",
      en: "Life-course health: maternal, newborn, child, adolescent and ageing",
      nl: "Gezondheid over de levensloop: moeder, pasgeborene, kind, adolescent en ouderen",
    },
    { code: "IMMUNIZATION_DISEASES", en: "Immunization and vaccine-preventable diseases", nl: "Vaccinatie en vaccin-preventieve ziekten" },
    { code: "ANTIMICROBIAL_CONTROL", en: "Antimicrobial resistance and infection control", nl: "Antimicrobiële resistentie en infectiepreventie" },
    { code: "ENVIRONMENTAL_HEALTH", en: "Environmental, occupational and radiation health", nl: "Milieu-, arbeids- en stralingsgezondheid" },
    { code: "NUTRITION_SECURITY", en: "Nutrition and food security", nl: "Voeding en voedselzekerheid" },
    { code: "HEALTH_PRODUCTS", en: "Health products, technologies, data and research", nl: "Gezondheidsproducten, technologie, data en onderzoek" },
    { code: "REPRODUCTIVE_HEALTH", en: "Sexual and reproductive health and rights", nl: "Seksuele en reproductieve gezondheid" },
  ],
};

export const FILE_TYPES: Vocabulary = {
  namespace: `${EU}file-type/`,
  aliases: euAliases("file-type"),
  open: true,
  terms: [
    { code: "CSV", en: "CSV", nl: "CSV" },
    { code: "TSV", en: "TSV", nl: "TSV" },
    { code: "JSON", en: "JSON", nl: "JSON" },
    { code: "XML", en: "XML", nl: "XML" },
    { code: "PARQUET", en: "Parquet", nl: "Parquet" },
    { code: "XLSX", en: "Excel XLSX", nl: "Excel XLSX" },
    { code: "PDF", en: "PDF", nl: "PDF" },
    { code: "RDF_TURTLE", en: "RDF Turtle", nl: "RDF Turtle" },
    { code: "ZIP", en: "ZIP", nl: "ZIP" },
    { code: "SAS", en: "SAS", nl: "SAS" },
  ],
};

export const LANGUAGES: Vocabulary = {
  namespace: `${EU}language/`,
  aliases: euAliases("language"),
  open: true,
  terms: [
    { code: "NLD", en: "Dutch", nl: "Nederlands" },
    { code: "ENG", en: "English", nl: "Engels" },
    { code: "DEU", en: "German", nl: "Duits" },
    { code: "FRA", en: "French", nl: "Frans" },
  ],
};

/** EHDS Art. 53(1): purposes for which health data may be processed for secondary use. */
export const EHDS_PURPOSES = [
  {
    code: "PUBLIC_HEALTH",
    en: "Public interest in public and occupational health",
    nl: "Algemeen belang op het gebied van volksgezondheid en arbeidsgezondheid",
  },
  {
    code: "POLICY_MAKING",
    en: "Policy making and regulatory activities of public sector bodies",
    nl: "Beleidsvorming en regelgevende activiteiten van overheidsinstanties",
  },
  { code: "STATISTICS", en: "Official statistics", nl: "Officiële statistieken" },
  { code: "EDUCATION", en: "Education or teaching in health or care sectors", nl: "Onderwijs in de gezondheids- of zorgsector" },
  {
    code: "SCIENTIFIC_RESEARCH",
    en: "Scientific research related to health or care sectors",
    nl: "Wetenschappelijk onderzoek op het gebied van gezondheid of zorg",
  },
  {
    code: "CARE_IMPROVEMENT",
    en: "Improvement of care delivery, treatment optimisation and provision of healthcare",
    nl: "Verbetering van zorgverlening, optimalisering van behandeling en zorgverstrekking",
  },
] as const satisfies readonly VocabularyTerm[];

/** The EHDS regulation, the default applicable legislation of a health dataset. */
export const EHDS_REGULATION = "http://data.europa.eu/eli/reg/2025/327/oj";

export function iriOf(vocab: Vocabulary, code: string): string {
  return vocab.namespace + code;
}

/** The code of an IRI in this vocabulary (any known host), or undefined when it is not one of its terms. */
export function codeFromIri(vocab: Vocabulary, iri: string): string | undefined {
  for (const ns of [vocab.namespace, ...vocab.aliases]) {
    if (iri.startsWith(ns)) {
      const code = iri.slice(ns.length);
      if (vocab.terms.some((t) => t.code === code)) return code;
      if (vocab.open && /^[A-Z0-9_-]{1,64}$/.test(code)) return code;
      return undefined;
    }
  }
  return undefined;
}

export function labelOf(vocab: Vocabulary, code: string, lang: "en" | "nl" = "en"): string {
  return vocab.terms.find((t) => t.code === code)?.[lang] ?? code;
}

export const codesOf = (vocab: Vocabulary) => vocab.terms.map((t) => t.code) as [string, ...string[]];
