/**
 * Test doubles for the service bindings (run on the Node side of the vitest pool). They validate what
 * the portal sends with the same shared zod schemas as the real services, demand the forwarded bearer
 * token, and answer in the contract shapes, so the portal's pages can be tested in workerd without
 * the other workers. The end-to-end tests (e2e/) run the real services.
 */
import type { ZodType } from "zod";
import { zodIssuesToErrors } from "@regie/shared/http/problem";

export function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

export function problem(status: number, detail: string, errors?: { path: string; message: string }[]): Response {
  return new Response(JSON.stringify({ type: "about:blank", title: detail, status, detail, errors }), { status, headers: { "content-type": "application/problem+json" } });
}

/** The claims of the forwarded bearer token (signature checks are the real services' job and tested there). */
export function claimsOf(req: Request): Record<string, unknown> | undefined {
  const m = /^Bearer (.+)$/.exec(req.headers.get("authorization") ?? "");
  if (!m) return undefined;
  try {
    const payload = m[1]!.split(".")[1]!;
    const b64 = payload.replace(/-/g, "+").replace(/_/g, "/").padEnd(Math.ceil(payload.length / 4) * 4, "=");
    return JSON.parse(new TextDecoder().decode(Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0)))) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

export async function validated<T>(req: Request, schema: ZodType<T>): Promise<{ ok: true; data: T } | { ok: false; res: Response }> {
  let body: unknown;
  try {
    body = await req.json();
  } catch {
    return { ok: false, res: problem(400, "The request body is not valid JSON") };
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) return { ok: false, res: problem(400, "The request body is not valid", zodIssuesToErrors(parsed.error.issues)) };
  return { ok: true, data: parsed.data };
}
