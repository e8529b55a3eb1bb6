/// <reference types="node" />
/**
 * A local HTTP server (Node, started by vitest.config.ts on 127.0.0.1) that plays two harvest sources: a DCAT-AP
 * catalogue in two Hydra pages (/dcat/catalog.ttl) and a CKAN site with ckanext-dcat (/ckan/api/3/action/
 * package_search, /ckan/dataset/{name}.ttl). Each serves three conformant datasets (variants of the official
 * example) and one without an HDAB. POST /control/remove?name=… takes a dataset away, POST /control/reset brings
 * all back. /dcat3/catalog.ttl is a one-page DCAT-AP 3 source: a dataset in a dcat:DatasetSeries, with a
 * dcat:DataService serving it. A third source, /rdfxml/catalog.rdf, is the same in RDF/XML (./rdfxml-datasets) with its own removals
 * (`&source=rdfxml`), and /rdfxml/broken.rdf is not well-formed XML. /cut/catalog.ttl sends its headers and the first
 * part of a page, then drops the connection (`?after=3` in the third Hydra page, after two good ones, via
 * /cut/catalog.ttl?page=2 …).
 */
import { readFileSync } from "node:fs";
import { createServer, type Server, type ServerResponse } from "node:http";
import { fileURLToPath } from "node:url";
import { DCAT3_SOURCE } from "./dcat3";
import { datasetRdfXml, rdfXmlDocument } from "./rdfxml-datasets";

const EXAMPLE = readFileSync(fileURLToPath(new URL("../../../../standards/healthdcat-ap-r8/example-healthdcat-dataset.ttl", import.meta.url)), "utf8");

function dataset(source: string, n: string, conformant: boolean): string {
  let ttl = EXAMPLE.replaceAll("ex:dataset-oncology-ehrs-2024", `ex:${source}-${n}`).replace(
    'dct:identifier "EU-HDCA-R7-ONCOLOGY-EHRS-2024"',
    `dct:identifier "${source.toUpperCase()}-${n.toUpperCase()}"`,
  );
  if (!conformant) ttl = ttl.replace("healthdcatap:hdab ex:hdab-agent ;", "");
  return ttl;
}

const NAMES = ["one", "two", "three", "broken"];
const removed = new Set<string>();
const live = () => NAMES.filter((n) => !removed.has(n));
const body = (n: string, source: string) => dataset(source, n, n !== "broken");

const removedRdfXml = new Set<string>();

/** The RDF/XML source: two datasets per page, Hydra paging, "broken" without an HDAB. */
function rdfXmlPage(base: string, page: number): string {
  const names = NAMES.filter((n) => !removedRdfXml.has(n));
  const self = `${base}/rdfxml/catalog.rdf?page=${page}`;
  const next = page * 2 < names.length ? `${base}/rdfxml/catalog.rdf?page=${page + 1}` : undefined;
  return rdfXmlDocument(
    names
      .slice((page - 1) * 2, page * 2)
      .map((n) => datasetRdfXml(`pulled-${n}`, n !== "broken"))
      .join(""),
    { self, next },
  );
}

function dcatPage(base: string, page: number): string {
  const names = live().slice((page - 1) * 2, page * 2);
  // one document per page: the datasets' graphs (they share the example's agents, as a real catalogue would) and the Hydra view
  const docs = names.map((n) => body(n, "dcat"));
  const view = `
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<${base}/dcat/catalog.ttl?page=${page}> a hydra:PartialCollectionView ${page === 1 ? `; hydra:next <${base}/dcat/catalog.ttl?page=2>` : ""} .
`;
  return docs.join("\n") + view;
}

/** A DCAT-AP 3 source: one dataset (the official example, version 7.0.0-example) in a series, and a data service. */
function dcat3Catalogue(): string {
  return `${dataset("dcat3", "one", true)}
ex:dcat3-one dcat:inSeries <${DCAT3_SOURCE.series}> .
<${DCAT3_SOURCE.series}> a dcat:DatasetSeries ; dct:title "Annual oncology figures"@en ; dct:description "One dataset a year."@en ;
  dcatap:applicableLegislation <http://data.europa.eu/eli/reg/2025/327/oj> .
<${DCAT3_SOURCE.service}> a dcat:DataService ; dct:title "Source API"@en ; dcat:endpointURL <https://source.example/api/v1> ; dcat:servesDataset ex:dcat3-one .
`;
}

/**
 * A Turtle page that breaks off: pages before `after` are whole (each with its hydra:next), page `after` sends its
 * headers (a content-length it never reaches) and half its body, then the socket is destroyed.
 */
function cutPage(res: ServerResponse, base: string, page: number, after: number): void {
  const view = `
@prefix hydra: <http://www.w3.org/ns/hydra/core#> .
<${base}/cut/catalog.ttl?page=${page}&after=${after}> a hydra:PartialCollectionView ; hydra:next <${base}/cut/catalog.ttl?page=${page + 1}&after=${after}> .
`;
  const text = Buffer.from(dataset("cut", `p${page}`, true) + view);
  res.writeHead(200, { "content-type": "text/turtle", "content-length": String(text.byteLength) });
  if (page < after) return void res.end(text);
  res.write(text.subarray(0, text.byteLength >> 1), () => setTimeout(() => res.destroy(), 20));
}

export function startSourceServer(): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const send = (status: number, type: string, text: string) => {
      res.writeHead(status, { "content-type": type });
      res.end(text);
    };
    if (req.method === "POST" && url.pathname === "/control/remove") {
      (url.searchParams.get("source") === "rdfxml" ? removedRdfXml : removed).add(url.searchParams.get("name") ?? "");
      return send(204, "text/plain", "");
    }
    if (req.method === "POST" && url.pathname === "/control/reset") {
      (url.searchParams.get("source") === "rdfxml" ? removedRdfXml : removed).clear();
      return send(204, "text/plain", "");
    }
    if (url.pathname === "/cut/catalog.ttl") return cutPage(res, base, Number(url.searchParams.get("page") ?? 1), Number(url.searchParams.get("after") ?? 1));
    if (url.pathname === "/dcat3/catalog.ttl") return send(200, "text/turtle", dcat3Catalogue());
    if (url.pathname === "/rdfxml/catalog.rdf") return send(200, "application/rdf+xml", rdfXmlPage(base, Number(url.searchParams.get("page") ?? 1)));
    if (url.pathname === "/rdfxml/broken.rdf") return send(200, "application/rdf+xml", rdfXmlDocument(datasetRdfXml("x")).replace("</dcat:Dataset>", ""));
    if (url.pathname === "/dcat/catalog.ttl") return send(200, "text/turtle", dcatPage(base, Number(url.searchParams.get("page") ?? 1)));
    if (url.pathname === "/ckan/api/3/action/package_search") {
      const start = Number(url.searchParams.get("start") ?? 0);
      const rows = Number(url.searchParams.get("rows") ?? 10);
      if (url.searchParams.get("sort") !== "id asc") return send(400, "application/json", JSON.stringify({ success: false }));
      const results = live()
        .slice(start, start + rows)
        .map((n) => ({ id: `ckan-${n}`, name: `ckan-${n}` }));
      return send(200, "application/json", JSON.stringify({ success: true, result: { count: live().length, results } }));
    }
    const m = /^\/ckan\/dataset\/ckan-([\w-]+)\.ttl$/.exec(url.pathname);
    if (m && live().includes(m[1]!)) return send(200, "text/turtle", body(m[1]!, "ckan"));
    return send(404, "text/plain", "not found");
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ url: `http://127.0.0.1:${(server.address() as { port: number }).port}`, server })),
  );
}
