/**
 * A seam for tests: a D1 database whose results fail like SQLite's SQLITE_TOOBIG when any value is longer than
 * `maxBytes` (production D1 allows 2,000,000 bytes; the local runtime 2,200,000). With a low limit, a statement
 * that concatenates a result growing with the catalogue fails on a small catalogue, as it would on a big one.
 */
const encoder = new TextEncoder();
/** the runtime's own statement behind a wrapped one (batch() accepts only those) */
const RAW = Symbol("raw statement");

function check(rows: unknown[], maxBytes: number) {
  for (const row of rows) {
    for (const v of Object.values(row as Record<string, unknown>)) {
      const n = typeof v === "string" ? (v.length * 3 > maxBytes ? encoder.encode(v).length : 0) : v instanceof ArrayBuffer ? v.byteLength : 0;
      if (n > maxBytes) throw new Error("D1_ERROR: string or blob too big: SQLITE_TOOBIG");
    }
  }
}

function wrapStatement(s: D1PreparedStatement, maxBytes: number): D1PreparedStatement {
  return new Proxy(s, {
    get(target, prop) {
      if (prop === RAW) return target;
      if (prop === "bind") return (...args: unknown[]) => wrapStatement(target.bind(...args), maxBytes);
      if (prop === "all")
        return async () => {
          const r = await target.all();
          check(r.results, maxBytes);
          return r;
        };
      if (prop === "first")
        return async (col?: string) => {
          const r = await target.first<Record<string, unknown>>();
          if (r) check([r], maxBytes);
          return col === undefined ? r : (r?.[col] ?? null);
        };
      if (prop === "raw")
        return async () => {
          const r = await target.raw();
          check(
            r.map((row) => Object.fromEntries(row.map((v, i) => [i, v]))),
            maxBytes,
          );
          return r;
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}

/** `db` with results limited to values of at most `maxBytes`; `undefined` leaves it unchanged. */
export function limitValues(db: D1Database, maxBytes: number | undefined): D1Database {
  if (!maxBytes) return db;
  return new Proxy(db, {
    get(target, prop) {
      if (prop === "prepare") return (sql: string) => wrapStatement(target.prepare(sql), maxBytes);
      if (prop === "batch")
        return async (statements: D1PreparedStatement[]) => {
          const results = await target.batch(statements.map((s) => (s as unknown as Record<symbol, D1PreparedStatement>)[RAW] ?? s));
          for (const r of results) check(r.results, maxBytes);
          return results;
        };
      const v = Reflect.get(target, prop, target) as unknown;
      return typeof v === "function" ? (v as (...a: unknown[]) => unknown).bind(target) : v;
    },
  });
}
