/** Uploading a document through the portal (multipart form -> the file's bytes to the catalogue) and downloading one (streamed back). */
import type { Context } from "hono";
import { CatalogueError } from "@regie/shared/clients/catalogue";
import type { AppEnv } from "../env";
import { catalogue, catalogueFetch, SessionExpired } from "../services/clients";
import { PageError } from "../views/errors";

export type UploadResult = "ok" | "missing" | "type" | "size" | "count" | "form";

export async function uploadFrom(c: Context<AppEnv>, applicationId: string, body: Record<string, unknown>, maxBytes: number): Promise<UploadResult> {
  const file = body.file;
  if (!(file instanceof File) || file.size === 0) return "missing";
  if (file.size > maxBytes) return "size";
  try {
    await catalogue(c).uploadAttachment(applicationId, {
      name: file.name,
      type: file.type || "application/octet-stream",
      bytes: new Uint8Array(await file.arrayBuffer()),
    });
    return "ok";
  } catch (err) {
    if (!(err instanceof CatalogueError)) throw new PageError(503, "unavailable");
    if (err.status === 401) throw new SessionExpired();
    if (err.status === 415) return "type";
    if (err.status === 413) return "size";
    if (err.status === 409) return err.problem?.detail?.includes("at most") ? "count" : "form";
    if (err.status === 404) throw new PageError(404, "notFound");
    return "form";
  }
}

/** The catalogue decides who may read (404 for everyone else); the portal streams the file as a download. */
export async function proxyAttachment(c: Context<AppEnv>, applicationId: string, attachmentId: string): Promise<Response> {
  let res: Response;
  try {
    res = await catalogueFetch(c, `/v1/access-applications/${encodeURIComponent(applicationId)}/attachments/${encodeURIComponent(attachmentId)}`);
  } catch {
    throw new PageError(503, "unavailable");
  }
  if (res.status === 401) throw new SessionExpired();
  if (res.status === 404 || res.status === 403) throw new PageError(404, "notFound");
  if (!res.ok) throw new PageError(503, "unavailable");
  const headers = new Headers({
    "x-content-type-options": "nosniff",
    "content-security-policy": "default-src 'none'; sandbox",
    "cache-control": "private, no-store",
  });
  for (const h of ["content-type", "content-length", "content-disposition"]) {
    const v = res.headers.get(h);
    if (v) headers.set(h, v);
  }
  return new Response(res.body, { status: 200, headers });
}
