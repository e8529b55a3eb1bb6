/** The whole catalogue as DCAT (dcat:Catalog with its datasets, data services and series) plus a Hydra PartialCollectionView. Pure. */
import { EHDS_REGULATION, type DataService, type Dataset, type DatasetSeries } from "@regie/shared/contracts/catalogue";
import { resourceToQuads } from "../dcat3/rdf";
import { DataFactory, type Quad } from "../rdf/n3";
import { expand, RDF_TYPE, XSD } from "../rdf/namespaces";
import { datasetToQuads } from "../rdf/to-rdf";
import { CATALOGUE_IRI, CATALOGUE_PUBLISHER_IRI } from "./identity";

const { namedNode, literal, quad } = DataFactory;
const n = (curie: string) => namedNode(expand(curie));

export interface CatalogPage {
  datasets: Dataset[];
  /** dcat:DataService (dcat:service) and dcat:DatasetSeries (dcat:dataset) of the catalogue, listed on its first page */
  services?: DataService[];
  series?: DatasetSeries[];
  total: number;
  page: number;
  pageSize: number;
  /** number of pages when more than the datasets need (withdrawals listed beside them, see ./withdrawn.ts) */
  pages?: number;
  /** absolute URL of a page (other query parameters kept); `after` for keyset paging (the next link) */
  pageUrl: (page: number, after?: number) => string;
  /** the ordinal of this page's last dataset, when there is a next page: its link continues after it */
  nextAfter?: number;
}

export function catalogQuads(p: CatalogPage): Quad[] {
  const out: Quad[] = [];
  const cat = namedNode(CATALOGUE_IRI);
  const pub = namedNode(CATALOGUE_PUBLISHER_IRI);
  out.push(quad(cat, namedNode(RDF_TYPE), n("dcat:Catalog")));
  out.push(quad(cat, n("dct:title"), literal("Regie gezondheidsdatacatalogus", "nl")));
  out.push(quad(cat, n("dct:title"), literal("Regie health data catalogue", "en")));
  out.push(quad(cat, n("dct:description"), literal("Catalogus van gezondheidsdatasets voor secundair gebruik onder de EHDS (HealthDCAT-AP).", "nl")));
  out.push(quad(cat, n("dct:description"), literal("Catalogue of health datasets for secondary use under the EHDS (HealthDCAT-AP).", "en")));
  out.push(quad(cat, n("dct:publisher"), pub));
  out.push(quad(cat, n("dcatap:applicableLegislation"), namedNode(EHDS_REGULATION)));
  out.push(quad(pub, namedNode(RDF_TYPE), n("foaf:Agent")));
  out.push(quad(pub, n("foaf:name"), literal("Regie", "nl")));
  for (const s of p.services ?? []) {
    out.push(quad(cat, n("dcat:service"), namedNode(s.iri)));
    out.push(...resourceToQuads("service", s));
  }
  for (const s of p.series ?? []) {
    out.push(quad(cat, n("dcat:dataset"), namedNode(s.iri)));
    out.push(...resourceToQuads("series", s));
  }
  for (const ds of p.datasets) {
    out.push(quad(cat, n("dcat:dataset"), namedNode(ds.iri)));
    out.push(...datasetToQuads(ds));
  }
  const last = Math.max(1, Math.ceil(p.total / p.pageSize), p.pages ?? 1);
  const view = namedNode(p.pageUrl(p.page));
  out.push(quad(view, namedNode(RDF_TYPE), n("hydra:PartialCollectionView")));
  out.push(quad(view, n("hydra:totalItems"), literal(String(p.total), namedNode(XSD.nonNegativeInteger))));
  out.push(quad(view, n("hydra:itemsPerPage"), literal(String(p.pageSize), namedNode(XSD.nonNegativeInteger))));
  out.push(quad(view, n("hydra:first"), namedNode(p.pageUrl(1))));
  out.push(quad(view, n("hydra:last"), namedNode(p.pageUrl(last))));
  if (p.page < last) out.push(quad(view, n("hydra:next"), namedNode(p.pageUrl(p.page + 1, p.nextAfter))));
  if (p.page > 1) out.push(quad(view, n("hydra:previous"), namedNode(p.pageUrl(p.page - 1))));
  return out;
}
