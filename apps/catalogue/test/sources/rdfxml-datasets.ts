/**
 * A small conformant NON_PUBLIC dataset written twice by hand, as RDF/XML and as Turtle, for the RDF/XML input tests
 * (pushed to POST /v1/harvest, and served by the local source server with Hydra paging). Plain strings, so both
 * workerd tests and the Node server import them.
 *
 * The RDF/XML uses the idioms a real RDF/XML source does and Regie's own writer does not: xml:base with relative
 * rdf:about, typed node elements, nested node elements, rdf:parseType="Resource", rdf:nodeID, xml:lang inherited
 * from the parent element (and reset with xml:lang="") and rdf:datatype.
 */
export const BASE_IRI = "https://data.example.nl/rdfxml/";

const EU = "http://publications.europa.eu/resource/authority/";
const EHDS = "http://data.europa.eu/eli/reg/2025/327/oj";

const NS_DECL = `xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rdfs="http://www.w3.org/2000/01/rdf-schema#"
  xmlns:dcat="http://www.w3.org/ns/dcat#" xmlns:dct="http://purl.org/dc/terms/" xmlns:dcatap="http://data.europa.eu/r5r/"
  xmlns:foaf="http://xmlns.com/foaf/0.1/" xmlns:cv="http://data.europa.eu/m8g/" xmlns:vcard="http://www.w3.org/2006/vcard/ns#"
  xmlns:healthdcatap="http://healthdataportal.eu/ns/health#" xmlns:hydra="http://www.w3.org/ns/hydra/core#"`;

/** One dataset as RDF/XML node elements (no rdf:RDF around it); `conformant: false` leaves out the HDAB. */
export function datasetRdfXml(name: string, conformant = true): string {
  return `
  <dcat:Dataset rdf:about="dataset/${name}" xml:lang="en">
    <dct:identifier rdf:datatype="http://www.w3.org/2001/XMLSchema#string">RDFXML-${name.toUpperCase()}</dct:identifier>
    <dct:title>RDF/XML dataset ${name}</dct:title>
    <dct:title xml:lang="nl">RDF/XML-dataset ${name}</dct:title>
    <dct:description>A dataset harvested from RDF/XML.</dct:description>
    <dct:accessRights rdf:resource="${EU}access-right/NON_PUBLIC"/>
    <dcatap:applicableLegislation rdf:resource="${EHDS}"/>
    <dct:type rdf:resource="${EU}dataset-type/STATISTICAL"/>
    ${
      conformant
        ? `<healthdcatap:hdab>
      <foaf:Agent>
        <foaf:name xml:lang="nl">HDAB Nederland</foaf:name>
        <cv:contactPoint rdf:parseType="Resource">
          <rdf:type rdf:resource="http://data.europa.eu/m8g/ContactPoint"/>
          <cv:email xml:lang="">hdab@example.nl</cv:email>
        </cv:contactPoint>
      </foaf:Agent>
    </healthdcatap:hdab>`
        : ""
    }
    <dcat:contactPoint rdf:nodeID="cp-${name}"/>
    <dcat:theme rdf:resource="${EU}data-theme/HEAL"/>
    <healthdcatap:healthCategory rdf:resource="https://hdeu-dcat.data.health.europa.eu/resource/authority/healthcategories/EHRS"/>
    <dcat:keyword>rdfxml</dcat:keyword>
    <dct:provenance>
      <dct:ProvenanceStatement><rdfs:label>Written by hand for the tests</rdfs:label></dct:ProvenanceStatement>
    </dct:provenance>
    <dcat:distribution>
      <dcat:Distribution>
        <dcatap:applicableLegislation rdf:resource="${EHDS}"/>
        <dcat:accessURL rdf:resource="https://example.nl/access/${name}"/>
        <dct:format rdf:resource="${EU}file-type/CSV"/>
      </dcat:Distribution>
    </dcat:distribution>
    <healthdcatap:hasStructuredData rdf:datatype="http://www.w3.org/2001/XMLSchema#boolean">false</healthdcatap:hasStructuredData>
  </dcat:Dataset>
  <vcard:Kind rdf:nodeID="cp-${name}">
    <vcard:hasEmail rdf:resource="mailto:data@example.nl"/>
  </vcard:Kind>`;
}

/** An RDF/XML document of datasets, with an optional Hydra view linking to the next page. */
export function rdfXmlDocument(body: string, view?: { self: string; next?: string }): string {
  const hydra = view
    ? `<hydra:PartialCollectionView rdf:about="${view.self}">${view.next ? `<hydra:next rdf:resource="${view.next}"/>` : ""}</hydra:PartialCollectionView>`
    : "";
  return `<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF xml:base="${BASE_IRI}" ${NS_DECL}>${body}\n  ${hydra}\n</rdf:RDF>\n`;
}

/** The Turtle twin of datasetRdfXml(name). */
export function datasetTurtle(name: string): string {
  return `@prefix dcat: <http://www.w3.org/ns/dcat#> . @prefix dct: <http://purl.org/dc/terms/> . @prefix dcatap: <http://data.europa.eu/r5r/> .
@prefix foaf: <http://xmlns.com/foaf/0.1/> . @prefix cv: <http://data.europa.eu/m8g/> . @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .
@prefix healthdcatap: <http://healthdataportal.eu/ns/health#> . @prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<${BASE_IRI}dataset/${name}> a dcat:Dataset ;
  dct:identifier "RDFXML-${name.toUpperCase()}" ;
  dct:title "RDF/XML dataset ${name}"@en, "RDF/XML-dataset ${name}"@nl ;
  dct:description "A dataset harvested from RDF/XML."@en ;
  dct:accessRights <${EU}access-right/NON_PUBLIC> ;
  dcatap:applicableLegislation <${EHDS}> ;
  dct:type <${EU}dataset-type/STATISTICAL> ;
  healthdcatap:hdab [ a foaf:Agent ; foaf:name "HDAB Nederland"@nl ; cv:contactPoint [ a cv:ContactPoint ; cv:email "hdab@example.nl" ] ] ;
  dcat:contactPoint [ a vcard:Kind ; vcard:hasEmail <mailto:data@example.nl> ] ;
  dcat:theme <${EU}data-theme/HEAL> ;
  healthdcatap:healthCategory <https://hdeu-dcat.data.health.europa.eu/resource/authority/healthcategories/EHRS> ;
  dcat:keyword "rdfxml"@en ;
  dct:provenance [ a dct:ProvenanceStatement ; rdfs:label "Written by hand for the tests"@en ] ;
  dcat:distribution [ a dcat:Distribution ; dcatap:applicableLegislation <${EHDS}> ;
    dcat:accessURL <https://example.nl/access/${name}> ; dct:format <${EU}file-type/CSV> ] ;
  healthdcatap:hasStructuredData false .
`;
}
