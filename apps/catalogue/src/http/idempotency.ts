/**
 * Idempotency keys on POSTs that create things: the same `Idempotency-Key` from the same caller for the same
 * operation creates one thing; a retry gets the first answer again (`idempotent-replayed: true`). The key is
 * claimed in D1 before the handler runs, so two concurrent retries cannot both create: the second gets 409 with
 * Retry-After until the first has answered. A failed first attempt releases the key. Keys live 24 hours.
 */
import { ApiError, parseIdempotencyKey, sha256Hex } from "@regie/shared";
import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env";

const TTL_MS = 24 * 60 * 60 * 1000;

function callerOf(auth: AppEnv["Variables"]["auth"]): string {
  if (!auth) return "anonymous";
  if (auth.role === "publisher") return `publisher:${auth.publisherId}`;
  if ("sub" in auth) return `${auth.role}:${auth.sub}`;
  return auth.role;
}

/** Route middleware; place it after requireRole so the caller is known. */
export function idempotent(operation: string): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const key = parseIdempotencyKey(c.req.header("idempotency-key"));
    if (key === undefined) return next();
    const db = c.env.DB;
    const id = await sha256Hex(`${operation}\n${callerOf(c.get("auth"))}\n${key}`);
    const requestHash = await sha256Hex(await c.req.text());
    const now = new Date();
    await db
      .prepare("DELETE FROM idempotency_keys WHERE id = ? AND created_at < ?")
      .bind(id, new Date(now.getTime() - TTL_MS).toISOString())
      .run();
    const claim = await db
      .prepare("INSERT INTO idempotency_keys (id, request_hash, status, created_at) VALUES (?, ?, 0, ?) ON CONFLICT(id) DO NOTHING")
      .bind(id, requestHash, now.toISOString())
      .run();
    if (claim.meta.changes === 0) {
      const row = await db
        .prepare("SELECT request_hash, status, response, location FROM idempotency_keys WHERE id = ?")
        .bind(id)
        .first<{ request_hash: string; status: number; response: string | null; location: string | null }>();
      if (!row) throw new ApiError("CONFLICT", "This Idempotency-Key was released just now; retry", { headers: { "retry-after": "1" } });
      if (row.request_hash !== requestHash) throw new ApiError("UNPROCESSABLE", "This Idempotency-Key was used for a different request");
      if (row.status === 0) throw new ApiError("CONFLICT", "A request with this Idempotency-Key is still being handled", { headers: { "retry-after": "1" } });
      const headers: Record<string, string> = { "content-type": "application/json", "idempotent-replayed": "true" };
      if (row.location) headers.location = row.location;
      return new Response(row.response, { status: row.status, headers });
    }
    try {
      await next();
    } catch (err) {
      await db.prepare("DELETE FROM idempotency_keys WHERE id = ? AND status = 0").bind(id).run();
      throw err;
    }
    if (c.res.status >= 200 && c.res.status < 300) {
      await db
        .prepare("UPDATE idempotency_keys SET status = ?, response = ?, location = ? WHERE id = ?")
        .bind(c.res.status, await c.res.clone().text(), c.res.headers.get("location"), id)
        .run();
    } else {
      await db.prepare("DELETE FROM idempotency_keys WHERE id = ? AND status = 0").bind(id).run();
    }
  };
}
