// Typings for the Node-only RDF tooling used by the SHACL tests.
declare module "rdf-canonize" {
  export function canonize(input: unknown, options: { algorithm: string; format?: string }): Promise<string>;
}
declare module "jsonld" {
  const jsonld: { toRDF(input: unknown, options: { format?: string }): Promise<unknown> };
  export default jsonld;
}
declare module "n3" {
  import type * as RDF from "@rdfjs/types";
  export class Parser {
    parse(input: string): RDF.Quad[];
  }
}
