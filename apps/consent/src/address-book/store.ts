/**
 * The address book in D1 (table `organisations`, FTS5 index `organisations_fts`, migration 0030).
 *
 * Limits relied on: a search is one statement with at most 7 bound parameters that reads at most `limit + 1` (≤ 51)
 * rows after ranking; the FTS5 prefix indexes (2, 3, 4 characters) keep a prefix term to its own index range. A
 * lookup names at most 100 URAs as one JSON parameter (`json_each`). Writes: an organisation's whole record is one row (written
 * completely or not at all); UPSERTs of ROWS_PER_STATEMENT rows each (one JSON parameter), sent in batches of
 * `WRITE_BATCH` statements (one transaction each); a row is ≈ 0.5–2 KB, far below D1's 2,000,000-byte row limit.
 */
import type { AddressBookReport, DirectoryOrganisation, OrganisationName } from "@regie/shared/contracts/consent";
import { categoryFor, contentHash, fromRow, searchColumns, type OrganisationRecord, type OrganisationRow } from "./model";
import { ftsQuery } from "./query";

export const WRITE_BATCH = 200;
/** How many best-ranked FTS matches an unfiltered search reads rows for (bounded work per search). */
export const CANDIDATES = 200;
const COLUMNS = "ura, name, organization_type, category, place, active, endpoints, content_hash, updated_at";

export interface SearchParams {
  q?: string;
  place?: string;
  type?: string;
  category?: string;
  includeInactive?: boolean;
  limit: number;
}

export async function searchOrganisations(db: D1Database, p: SearchParams): Promise<{ items: DirectoryOrganisation[]; truncated: boolean }> {
  const { match, namePrefix } = ftsQuery(p.q, p.place);
  const inactive = p.includeInactive ? 1 : 0;
  let rows: OrganisationRow[];
  if (match && !p.type && !p.category) {
    // Without filters: rank inside FTS5 alone (no row of organisations read per match), keep the best
    // CANDIDATES, then read, boost and cut only those. A broad prefix ("hui": a third of the book) costs one bm25
    // pass in the index instead of a join over every match.
    const sql = `SELECT ${COLUMNS.split(", ")
      .map((c) => "o." + c)
      .join(", ")}
      FROM (SELECT rowid, bm25(organisations_fts, 10.0, 3.0) AS score FROM organisations_fts WHERE organisations_fts MATCH ?1 ORDER BY score LIMIT ${CANDIDATES}) f
      JOIN organisations o ON o.rowid = f.rowid
      WHERE (?2 = 1 OR o.active = 1)
      ORDER BY CASE WHEN ?3 IS NOT NULL AND o.search_name LIKE ?3 || '%' THEN 0 ELSE 1 END, f.score, o.active DESC, o.search_name, o.ura
      LIMIT ?4`;
    rows = (
      await db
        .prepare(sql)
        .bind(match, inactive, namePrefix, p.limit + 1)
        .all<OrganisationRow>()
    ).results;
  } else if (match) {
    const sql = `SELECT ${COLUMNS.split(", ")
      .map((c) => "o." + c)
      .join(", ")}
      FROM organisations_fts JOIN organisations o ON o.rowid = organisations_fts.rowid
      WHERE organisations_fts MATCH ?1 AND (?2 IS NULL OR o.organization_type = ?2) AND (?3 IS NULL OR o.category = ?3) AND (?4 = 1 OR o.active = 1)
      ORDER BY CASE WHEN ?5 IS NOT NULL AND o.search_name LIKE ?5 || '%' THEN 0 ELSE 1 END, bm25(organisations_fts, 10.0, 3.0), o.active DESC, o.search_name, o.ura
      LIMIT ?6`;
    rows = (
      await db
        .prepare(sql)
        .bind(match, p.type ?? null, p.category ?? null, inactive, namePrefix, p.limit + 1)
        .all<OrganisationRow>()
    ).results;
  } else {
    // no words: a filter by type or category, in name order (indexes organisations_type / organisations_category)
    const sql = p.type
      ? `SELECT ${COLUMNS} FROM organisations WHERE organization_type = ?1 AND (?2 IS NULL OR category = ?2) AND (?3 = 1 OR active = 1) ORDER BY search_name, ura LIMIT ?4`
      : `SELECT ${COLUMNS} FROM organisations WHERE category = ?2 AND (?1 IS NULL) AND (?3 = 1 OR active = 1) ORDER BY search_name, ura LIMIT ?4`;
    rows = (
      await db
        .prepare(sql)
        .bind(p.type ?? null, p.category ?? null, inactive, p.limit + 1)
        .all<OrganisationRow>()
    ).results;
  }
  return { items: rows.slice(0, p.limit).map(fromRow), truncated: rows.length > p.limit };
}

export async function getOrganisation(db: D1Database, ura: string): Promise<DirectoryOrganisation | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM organisations WHERE ura = ?`).bind(ura).first<OrganisationRow>();
  return row ? fromRow(row) : null;
}

/** Exactly the organisations named (closed ones included), in the order asked; unknown URAs are left out. */
export async function getOrganisations(db: D1Database, uras: readonly string[]): Promise<DirectoryOrganisation[]> {
  if (uras.length === 0) return [];
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM organisations WHERE ura IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify([...new Set(uras)]))
    .all<OrganisationRow>();
  const byUra = new Map(results.map((r) => [r.ura, fromRow(r)]));
  return [...new Set(uras)].flatMap((u) => (byUra.has(u) ? [byUra.get(u)!] : []));
}

/** Name and place per URA, for answers that return a URA. */
export async function organisationNameMap(db: D1Database, uras: readonly string[]): Promise<Map<string, OrganisationName>> {
  const out = new Map<string, OrganisationName>();
  for (const o of await getOrganisations(db, uras)) out.set(o.ura, { ura: o.ura, name: o.name, place: o.place, active: o.active });
  return out;
}

async function existingHashes(db: D1Database, uras: string[]): Promise<Map<string, { hash: string; active: boolean }>> {
  const out = new Map<string, { hash: string; active: boolean }>();
  for (let i = 0; i < uras.length; i += 1000) {
    const { results } = await db
      .prepare("SELECT ura, content_hash, active FROM organisations WHERE ura IN (SELECT value FROM json_each(?))")
      .bind(JSON.stringify(uras.slice(i, i + 1000)))
      .all<{ ura: string; content_hash: string; active: number }>();
    for (const r of results) out.set(r.ura, { hash: r.content_hash, active: r.active === 1 });
  }
  return out;
}

/** Organisations per UPSERT statement: one JSON parameter of ≈ 250 × 0.5–2 KB, far below D1's 2,000,000-byte value. */
export const ROWS_PER_STATEMENT = 250;

interface RowValues {
  ura: string;
  name: string;
  type: string;
  category: string;
  place: string | null;
  active: number;
  endpoints: string;
  searchName: string;
  searchPlace: string;
  hash: string;
  now: number;
  sourceId: string | null;
}

function rowValues(r: OrganisationRecord, hash: string, now: number): RowValues {
  const { searchName, searchPlace } = searchColumns(r);
  return {
    ura: r.ura,
    name: r.name,
    type: r.organizationType,
    category: categoryFor(r.organizationType),
    place: r.place,
    active: r.active ? 1 : 0,
    endpoints: JSON.stringify(r.endpoints),
    searchName,
    searchPlace,
    hash,
    now,
    sourceId: r.sourceId ?? null,
  };
}

/** One UPSERT of up to ROWS_PER_STATEMENT organisations (each a whole row: written completely or not at all). */
function upsertRows(db: D1Database, rows: RowValues[]): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO organisations (ura, name, organization_type, category, place, active, endpoints, search_name, search_place, content_hash, updated_at, source_id)
       SELECT value ->> '$.ura', value ->> '$.name', value ->> '$.type', value ->> '$.category', value ->> '$.place', value ->> '$.active', value ->> '$.endpoints',
              value ->> '$.searchName', value ->> '$.searchPlace', value ->> '$.hash', value ->> '$.now', value ->> '$.sourceId'
       FROM json_each(?1) WHERE true
       ON CONFLICT (ura) DO UPDATE SET name = excluded.name, organization_type = excluded.organization_type, category = excluded.category,
         place = excluded.place, active = excluded.active, endpoints = excluded.endpoints, search_name = excluded.search_name,
         search_place = excluded.search_place, content_hash = excluded.content_hash, updated_at = excluded.updated_at,
         source_id = COALESCE(excluded.source_id, organisations.source_id)
       WHERE organisations.content_hash <> excluded.content_hash`,
    )
    .bind(JSON.stringify(rows));
}

/**
 * Idempotent upsert of complete organisation records plus deactivation of the URAs in `closed`; returns what was
 * added, changed (or deactivated) and left as it was. Each organisation is one statement: it is written whole or
 * not at all; statements travel in batches of WRITE_BATCH (each batch one transaction).
 */
export async function applyRecords(
  db: D1Database,
  records: readonly OrganisationRecord[],
  closed: readonly string[],
  now: number,
): Promise<Omit<AddressBookReport, "rejected">> {
  const report: Omit<AddressBookReport, "rejected"> = { added: [], changed: [], unchanged: 0, deactivated: [] };
  const latest = new Map<string, OrganisationRecord>();
  for (const r of records) latest.set(r.ura, r);
  const closing = [...new Set(closed)].filter((u) => !latest.has(u));
  const before = await existingHashes(db, [...latest.keys(), ...closing]);
  const statements: D1PreparedStatement[] = [];
  const rows: RowValues[] = [];
  for (const r of latest.values()) {
    const hash = await contentHash(r);
    const old = before.get(r.ura);
    if (old?.hash === hash) {
      report.unchanged++;
      continue;
    }
    rows.push(rowValues(r, hash, now));
    if (!old) report.added.push(r.ura);
    else if (old.active && !r.active) report.deactivated.push(r.ura);
    else report.changed.push(r.ura);
  }
  for (const ura of closing) {
    const old = before.get(ura);
    if (!old || !old.active) {
      report.unchanged += old ? 1 : 0;
      continue;
    }
    // a deletion at the source: keep the organisation resolvable, marked inactive (its hash changes with it)
    statements.push(
      db.prepare("UPDATE organisations SET active = 0, content_hash = 'closed:' || content_hash, updated_at = ? WHERE ura = ? AND active = 1").bind(now, ura),
    );
    report.deactivated.push(ura);
  }
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) statements.push(upsertRows(db, rows.slice(i, i + ROWS_PER_STATEMENT)));
  for (let i = 0; i < statements.length; i += WRITE_BATCH) await db.batch(statements.slice(i, i + WRITE_BATCH));
  return report;
}

/** One column of the organisations whose `key` column is one of `keys`, by key (the address book's names, URAs). */
export async function organisationColumn(
  db: D1Database,
  key: "ura" | "source_id",
  column: "ura" | "name",
  keys: readonly string[],
): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  if (keys.length === 0) return out;
  const { results } = await db
    .prepare(`SELECT ${key} AS k, ${column} AS v FROM organisations WHERE ${key} IN (SELECT value FROM json_each(?))`)
    .bind(JSON.stringify([...new Set(keys)]))
    .all<{ k: string; v: string }>();
  for (const r of results) out.set(r.k, r.v);
  return out;
}

/** The URAs of organisations loaded under these source ids (a `_history` DELETE names only the id). */
export const urasBySourceId = (db: D1Database, ids: readonly string[]) => organisationColumn(db, "source_id", "ura", ids);
