/**
 * Document partitions: further D1 databases (bindings DOCS_0 … DOCS_{n-1}) holding each dataset's JSON document
 * and search summary, keyed by a write token (one random id per written revision). The catalogue's own D1 keeps
 * the directory (migration 0060: dataset_parts); nothing outside src/storage knows where a document lives.
 *
 * A partition's table is created on first use by each isolate (idempotent DDL), so a new partition is just an
 * empty `wrangler d1 create` database bound as the next DOCS_n. Lists travel as one JSON parameter (json_each),
 * so no statement nears D1's 100 bound parameters; writes go in batches of at most WRITE_BATCH statements.
 */
export interface StoredDoc {
  token: string;
  id: string;
  /** JSON of the Dataset */
  doc: string;
  /** JSON of its DatasetSummary */
  summary: string;
}

export type DocField = "doc" | "summary";

/** What the rest of storage needs of the partitions (a test wraps it to inject failures). */
export interface DocumentStore {
  readonly partitions: number;
  /** Documents per partition at most (a soft bound: concurrent writers may pass it by a few). */
  readonly capacity: number;
  put(part: number, docs: StoredDoc[]): Promise<void>;
  remove(part: number, tokens: string[]): Promise<void>;
  /** token -> the field's JSON, for the tokens the partition holds */
  get(part: number, tokens: string[], field: DocField): Promise<Map<string, string>>;
  /** A page of the partition's tokens after `after` (for the orphan sweep), with when each was written. */
  tokens(part: number, after: string, limit: number): Promise<{ token: string; stagedAt: string }[]>;
}

const SCHEMA = [
  `CREATE TABLE IF NOT EXISTS dataset_docs (token TEXT PRIMARY KEY, id TEXT NOT NULL, doc TEXT NOT NULL, summary TEXT NOT NULL, staged_at TEXT NOT NULL)`,
];
/** statements per partition batch: a harvest chunk's documents (≤ 4 kB each) in a handful of batches */
export const WRITE_BATCH = 100;
/** tokens per read: ≤ 1,000 documents (a CKAN rows=1000 page) of ≈ 3–4 kB ≈ 4 MB, under D1's result limits */
const READ_CHUNK = 500;

const chunks = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));

export class D1DocumentStore implements DocumentStore {
  private readonly ready = new Map<number, Promise<void>>();
  constructor(
    private readonly dbs: readonly D1Database[],
    readonly capacity: number,
  ) {}

  get partitions() {
    return this.dbs.length;
  }

  private async db(part: number): Promise<D1Database> {
    const db = this.dbs[part];
    if (!db) throw new Error(`no document partition ${part} (bound: ${this.dbs.length})`);
    let ready = this.ready.get(part);
    if (!ready) {
      ready = db.batch(SCHEMA.map((s) => db.prepare(s))).then(() => undefined);
      ready.catch(() => this.ready.delete(part));
      this.ready.set(part, ready);
    }
    await ready;
    return db;
  }

  async put(part: number, docs: StoredDoc[]) {
    if (docs.length === 0) return;
    const db = await this.db(part);
    const now = new Date().toISOString();
    const insert = db.prepare(`INSERT OR REPLACE INTO dataset_docs (token, id, doc, summary, staged_at) VALUES (?1, ?2, ?3, ?4, ?5)`);
    for (const group of chunks(docs, WRITE_BATCH)) await db.batch(group.map((d) => insert.bind(d.token, d.id, d.doc, d.summary, now)));
  }

  async remove(part: number, tokens: string[]) {
    if (tokens.length === 0) return;
    const db = await this.db(part);
    for (const group of chunks(tokens, READ_CHUNK)) {
      await db.prepare(`DELETE FROM dataset_docs WHERE token IN (SELECT value FROM json_each(?1))`).bind(JSON.stringify(group)).run();
    }
  }

  async get(part: number, tokens: string[], field: DocField) {
    const out = new Map<string, string>();
    if (tokens.length === 0) return out;
    const db = await this.db(part);
    const column = field === "doc" ? "doc" : "summary";
    for (const group of chunks(tokens, READ_CHUNK)) {
      const { results } = await db
        .prepare(`SELECT token, ${column} AS body FROM dataset_docs WHERE token IN (SELECT value FROM json_each(?1))`)
        .bind(JSON.stringify(group))
        .all<{ token: string; body: string }>();
      for (const r of results) out.set(r.token, r.body);
    }
    return out;
  }

  async tokens(part: number, after: string, limit: number) {
    const db = await this.db(part);
    const { results } = await db
      .prepare(`SELECT token, staged_at AS stagedAt FROM dataset_docs WHERE token > ?1 ORDER BY token LIMIT ?2`)
      .bind(after, limit)
      .all<{ token: string; stagedAt: string }>();
    return results;
  }
}
