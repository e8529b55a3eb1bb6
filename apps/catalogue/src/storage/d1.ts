/** Reads of D1 rows as records: one query, its rows (or its first row) through the mapper from the row to the record. */

/** Every row of `sql` with `binds`, each through `map`. */
export async function allRows<R, T>(db: D1Database, sql: string, binds: unknown[], map: (row: R) => T): Promise<T[]> {
  const { results } = await db
    .prepare(sql)
    .bind(...binds)
    .all<R>();
  return results.map(map);
}

/** The first row of `sql` with `binds` through `map`; null when there is none. */
export async function firstRow<R, T>(db: D1Database, sql: string, binds: unknown[], map: (row: R) => T): Promise<T | null> {
  const row = await db
    .prepare(sql)
    .bind(...binds)
    .first<R>();
  return row ? map(row) : null;
}
