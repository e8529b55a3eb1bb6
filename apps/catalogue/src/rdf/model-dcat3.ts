/**
 * The mapping tables of the DCAT-AP 3 classes beside datasets: dcat:DataService and dcat:DatasetSeries. Like
 * ./model's DATASET, one table drives both directions (export and harvest).
 */
import { AGENT, CONTACT_KIND, f, type NodeSpec } from "./model";
import { expand } from "./namespaces";

const lang = { k: "lang" } as const;
const iri = { k: "iri" } as const;
const ref = { k: "ref" } as const;
const date = { k: "date" } as const;

export const DATA_SERVICE: NodeSpec = {
  type: expand("dcat:DataService"),
  fields: [
    f("identifier", "dct:identifier", { k: "lit" }),
    f("title", "dct:title", lang),
    f("description", "dct:description", lang),
    f("endpointURL", "dcat:endpointURL", iri, true),
    f("endpointDescription", "dcat:endpointDescription", iri, true),
    f("servesDataset", "dcat:servesDataset", iri, true),
    f("publisher", "dct:publisher", { k: "node", spec: AGENT }),
    f("contactPoint", "dcat:contactPoint", { k: "node", spec: CONTACT_KIND }, true),
    f("license", "dct:license", ref),
    f("accessRights", "dct:accessRights", ref),
    f("applicableLegislation", "dcatap:applicableLegislation", iri, true),
    f("conformsTo", "dct:conformsTo", iri, true),
    f("keyword", "dcat:keyword", { k: "langValues" }),
    f("landingPage", "dcat:landingPage", iri, true),
    f("theme", "dcat:theme", iri, true),
    f("modified", "dct:modified", date),
  ],
};

export const DATASET_SERIES: NodeSpec = {
  type: expand("dcat:DatasetSeries"),
  fields: [
    f("identifier", "dct:identifier", { k: "lit" }),
    f("title", "dct:title", lang),
    f("description", "dct:description", lang),
    f("applicableLegislation", "dcatap:applicableLegislation", iri, true),
    f("publisher", "dct:publisher", { k: "node", spec: AGENT }),
    f("contactPoint", "dcat:contactPoint", { k: "node", spec: CONTACT_KIND }, true),
    f("accrualPeriodicity", "dct:accrualPeriodicity", iri),
    f("issued", "dct:issued", date),
    f("modified", "dct:modified", date),
    f("spatial", "dct:spatial", iri, true),
  ],
};
