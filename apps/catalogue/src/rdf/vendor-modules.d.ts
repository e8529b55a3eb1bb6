// Minimal typings for the ESM sources of n3 (the package ships none). The catalogue imports the parser, writer
// and data factory straight from n3/src: n3's index pulls in readable-stream, which does not load in workerd.
declare module "n3/src/N3DataFactory.js" {
  import type * as RDF from "@rdfjs/types";
  const DataFactory: {
    namedNode(iri: string): RDF.NamedNode;
    blankNode(name?: string): RDF.BlankNode;
    literal(value: string, langOrDatatype?: string | RDF.NamedNode): RDF.Literal;
    defaultGraph(): RDF.DefaultGraph;
    quad(s: RDF.Quad_Subject, p: RDF.Quad_Predicate, o: RDF.Quad_Object, g?: RDF.Quad_Graph): RDF.Quad;
  };
  export default DataFactory;
}
declare module "n3/src/N3Parser.js" {
  import type * as RDF from "@rdfjs/types";
  export default class N3Parser {
    constructor(options?: { format?: string; baseIRI?: string; blankNodePrefix?: string });
    parse(input: string): RDF.Quad[];
  }
}
declare module "n3/src/N3Writer.js" {
  import type * as RDF from "@rdfjs/types";
  export default class N3Writer {
    constructor(options?: { prefixes?: Record<string, string>; format?: string });
    addQuad(quad: RDF.Quad): void;
    end(callback: (error: Error | null, result: string) => void): void;
  }
}
declare module "jsonld/dist/jsonld.esm.min.js" {
  const jsonld: {
    toRDF(
      input: unknown,
      options: { format?: string; documentLoader?: (url: string) => Promise<{ document: unknown; documentUrl: string; contextUrl: null }>; safe?: boolean },
    ): Promise<string | unknown>;
  };
  export default jsonld;
}
declare module "@rdfjs/dataset" {
  import type { DatasetCore, Quad } from "@rdfjs/types";
  const factory: { dataset(quads?: Quad[]): DatasetCore };
  export default factory;
}
