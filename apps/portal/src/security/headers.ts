/** The portal's Content-Security-Policy: own origin only, no inline script or style, no framing. */
export const PORTAL_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/**
 * Headers of every HTML page (the API reference at /docs keeps its own CSP): the strict CSP, no-store
 * (pages show personal data), and Referrer-Policy same-origin. The shared app factory's default
 * `no-referrer` would make browsers send `Origin: null` on our own form posts, which the CSRF check
 * must refuse. Applied to the final response, after every middleware has run.
 */
export function withPageHeaders(req: Request, res: Response): Response {
  const type = res.headers.get("content-type") ?? "";
  if (!type.startsWith("text/html") || new URL(req.url).pathname.startsWith("/docs")) return res;
  const out = new Response(res.body, res);
  out.headers.set("content-security-policy", PORTAL_CSP);
  out.headers.set("cache-control", "no-store");
  out.headers.set("referrer-policy", "same-origin");
  return out;
}
