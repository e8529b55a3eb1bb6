/** The IRIs of the DCAT-AP 3 source the local server plays (/dcat3/catalog.ttl); no Node imports, so workerd tests can read them. */
export const DCAT3_SOURCE = {
  series: "https://source.example/series/annual",
  service: "https://source.example/api",
  dataset: "https://healthdcat-ap.example.org/release-7/example/dcat3-one",
};
