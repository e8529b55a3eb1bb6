/** RDF namespaces used by HealthDCAT-AP Release 8 and DCAT-AP 3.0.1, as in the official example. */
export const NS = {
  adms: "http://www.w3.org/ns/adms#",
  csvw: "http://www.w3.org/ns/csvw#",
  cv: "http://data.europa.eu/m8g/",
  dcat: "http://www.w3.org/ns/dcat#",
  dcatap: "http://data.europa.eu/r5r/",
  dct: "http://purl.org/dc/terms/",
  dpv: "https://w3id.org/dpv#",
  dqv: "http://www.w3.org/ns/dqv#",
  foaf: "http://xmlns.com/foaf/0.1/",
  geodcatap: "http://data.europa.eu/930/",
  healthdcatap: "http://healthdataportal.eu/ns/health#",
  hydra: "http://www.w3.org/ns/hydra/core#",
  prov: "http://www.w3.org/ns/prov#",
  rdf: "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
  rdfs: "http://www.w3.org/2000/01/rdf-schema#",
  skos: "http://www.w3.org/2004/02/skos/core#",
  time: "http://www.w3.org/2006/time#",
  vcard: "http://www.w3.org/2006/vcard/ns#",
  xsd: "http://www.w3.org/2001/XMLSchema#",
} as const;

export type Prefix = keyof typeof NS;

/** `dct:title` -> full IRI. */
export function expand(curie: string): string {
  const i = curie.indexOf(":");
  const ns = NS[curie.slice(0, i) as Prefix];
  if (!ns) throw new Error(`unknown prefix in ${curie}`);
  return ns + curie.slice(i + 1);
}

export const RDF_TYPE = NS.rdf + "type";
export const XSD = {
  string: NS.xsd + "string",
  date: NS.xsd + "date",
  dateTime: NS.xsd + "dateTime",
  boolean: NS.xsd + "boolean",
  nonNegativeInteger: NS.xsd + "nonNegativeInteger",
  decimal: NS.xsd + "decimal",
  duration: NS.xsd + "duration",
  langString: NS.rdf + "langString",
};
