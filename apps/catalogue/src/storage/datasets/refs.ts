/** Which datasets are stored, by id or IRI: the narrow reference a write checks before it plans its statements. */
export interface StoredRef {
  ord: number;
  id: string;
  iri: string;
  publisherId: string;
  revision: number;
}

const REF = `SELECT ord, id, iri, publisher_id AS publisherId, revision FROM datasets`;

export async function refById(db: D1Database, id: string): Promise<StoredRef | null> {
  return db.prepare(`${REF} WHERE id = ?1`).bind(id).first<StoredRef>();
}

export async function refsByIris(db: D1Database, iris: string[]): Promise<StoredRef[]> {
  if (iris.length === 0) return [];
  const { results } = await db.prepare(`${REF} WHERE iri IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(iris)).all<StoredRef>();
  return results;
}

export async function idsTaken(db: D1Database, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const { results } = await db.prepare(`SELECT id FROM datasets WHERE id IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(ids)).all<{ id: string }>();
  return new Set(results.map((r) => r.id));
}
