/**
 * An RDF document sent as a request body (POST /v1/harvest, POST /v1/validate): its media type must be one Regie
 * reads (415 naming them otherwise) and it must not be empty (400); a document that does not parse is a 400 naming
 * the parser's problem.
 */
import { ApiError } from "@regie/shared";
import type { Quad } from "./n3";
import { isRdfInputType, parseDocument, RDF_INPUT_TYPES, RdfSyntaxError, type RdfMediaType } from "./parse";

export async function readRdfBody(req: { header(name: string): string | undefined; text(): Promise<string> }): Promise<{ type: RdfMediaType; body: string }> {
  const type = req.header("content-type")?.split(";")[0]?.trim().toLowerCase();
  if (!isRdfInputType(type)) {
    throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Send the document as ${RDF_INPUT_TYPES.join(", ")}`, { headers: { accept: RDF_INPUT_TYPES.join(", ") } });
  }
  const body = await req.text();
  if (!body.trim()) throw new ApiError("BAD_REQUEST", "The document is empty");
  return { type, body };
}

/** parseDocument, with a syntax error as a 400 problem. */
export async function parseRequestDocument(body: string, type: RdfMediaType, blankNodePrefix: string): Promise<Quad[]> {
  try {
    return await parseDocument(body, type, blankNodePrefix);
  } catch (e) {
    if (e instanceof RdfSyntaxError) throw new ApiError("BAD_REQUEST", e.message);
    throw e;
  }
}
