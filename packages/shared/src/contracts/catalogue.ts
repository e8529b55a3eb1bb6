/**
 * Catalogue contracts: the HealthDCAT-AP Release 8 dataset as JSON, search request/response with facets,
 * publishing, harvest reports, data access applications (EHDS) and the CKAN Action API shapes.
 * JSON field names follow the HealthDCAT-AP / DCAT-AP property names (camelCase, no prefix).
 * Vocabulary values are short codes (see ./dcat/vocabularies); other references are absolute IRIs.
 */

export * from "./dcat/vocabularies";
export * from "./catalogue/building-blocks";
export * from "./catalogue/dataset";
export * from "./catalogue/search";
export * from "./catalogue/export-harvest";
export * from "./catalogue/access-applications";
export * from "./catalogue/permits";
export * from "./catalogue/ckan";
export * from "./catalogue/harvest-sources";
export * from "./catalogue/quality";
export * from "./catalogue/dcat3";
export * from "./catalogue/validate";
