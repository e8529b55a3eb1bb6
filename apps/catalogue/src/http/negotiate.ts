/** Accept-header negotiation. Pure. */
export const RDF_TYPES = { json: "application/json", turtle: "text/turtle", jsonld: "application/ld+json", rdfxml: "application/rdf+xml" } as const;
export type Representation = keyof typeof RDF_TYPES;

/** The best representation for an Accept header, or null when none is acceptable (-> 406). */
export function negotiate(accept: string | undefined, offers: Representation[] = ["json", "turtle", "jsonld", "rdfxml"]): Representation | null {
  if (!accept || !accept.trim()) return offers[0] ?? null;
  const ranges = accept
    .split(",")
    .map((part, i) => {
      const [type = "", ...params] = part
        .trim()
        .toLowerCase()
        .split(";")
        .map((s) => s.trim());
      const qp = params.find((p) => p.startsWith("q="));
      const q = qp ? Number(qp.slice(2)) : 1;
      return { type, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((r) => r.type && r.q > 0);
  let best: { rep: Representation; q: number; specificity: number; i: number } | null = null;
  for (const rep of offers) {
    const mime = RDF_TYPES[rep];
    for (const r of ranges) {
      const specificity = r.type === mime ? 3 : r.type === `${mime.split("/")[0]}/*` ? 2 : r.type === "*/*" ? 1 : 0;
      if (!specificity) continue;
      if (!best || r.q > best.q || (r.q === best.q && specificity > best.specificity)) best = { rep, q: r.q, specificity, i: r.i };
    }
  }
  return best?.rep ?? null;
}
