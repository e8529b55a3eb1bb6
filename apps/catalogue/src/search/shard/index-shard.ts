/**
 * An index shard: a SQLite-backed Durable Object holding the datasets whose ordinal % count is its number — their
 * index columns and an FTS5 index in its own SQLite, and the compact in-memory structures of ./state.ts built from
 * them when the object starts. D1 stays the catalogue's record: before answering for catalogue version V the shard
 * brings itself to V or later from D1's change log (or, when the log cannot tell, rebuilds from its D1 rows), in
 * pages of ShardFeed.page rows, each applied in one transaction; its version is written last, so a shard stopped
 * half-way redoes the work rather than serving half of it.
 */
import { DurableObject } from "cloudflare:workers";
import { covers, logPosition } from "../versions";
import { positiveInteger } from "../../storage/docs/limits";
import { ShardFeed, type FeedRow } from "../../storage/shard-feed";
import { limitValues } from "../../storage/value-limit";
import type { TextStats } from "./bm25";
import { scorer } from "./bm25";
import { bulkLoad } from "./build";
import type { BuildStats, ShardInfo } from "./info";
import { SHARD_META, SHARD_RESET, SHARD_SCHEMA, SHARD_SCHEMA_VERSION } from "./schema";
import { FIELD_INDEX, ShardState } from "./state";
import { runShardQuery, type ShardAnswer, type ShardQuery, type TextHits } from "./query";
import { MAX_SELECTIVE_CHANGES, PhraseCache, type RowChange } from "./phrase-cache";
import { TermWriter } from "./terms";
import { PACK_MIN_ROWS, packTerms } from "./packed";
import { intersect, phraseList, phrasesOf, tokenCount, type PhraseHits } from "./text";

export interface ShardRef {
  shard: number;
  count: number;
  /** the catalogue version the answer must hold at least */
  version: string;
}
export interface ShardStats extends TextStats {
  version: string;
}
export interface ShardQueryRequest extends ShardRef {
  /** FTS5 MATCH expression (../text-query.ts), "none" for text that matches nothing, null for no text */
  match: string | null;
  /** catalogue-wide statistics for bm25 (from stats()), when ranking by relevance */
  stats: TextStats | null;
  query: ShardQuery;
}

export class IndexShard extends DurableObject<Env> {
  private state: ShardState | null = null;
  private version: string | null = null;
  private syncing: Promise<void> | null = null;
  private lastBuild: BuildStats | null = null;
  private readonly texts = new PhraseCache();
  private readonly terms: TermWriter;

  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    this.terms = new TermWriter(ctx.storage.sql);
    ctx.storage.sql.exec(SHARD_META);
    if (this.meta("schema") !== SHARD_SCHEMA_VERSION) {
      // an older layout (or a new object): start empty; the first query rebuilds from D1
      ctx.storage.transactionSync(() => {
        ctx.storage.sql.exec(SHARD_RESET);
        ctx.storage.sql.exec(SHARD_SCHEMA);
        this.setMeta("schema", SHARD_SCHEMA_VERSION);
      });
    } else ctx.storage.sql.exec(SHARD_SCHEMA);
  }

  private meta(key: string): string | null {
    return this.ctx.storage.sql.exec<{ value: string }>(`SELECT value FROM shard_meta WHERE key = ?`, key).toArray()[0]?.value ?? null;
  }
  private setMeta(key: string, value: string) {
    this.ctx.storage.sql.exec(`INSERT INTO shard_meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`, key, value);
  }

  /** The in-memory structures, loaded from this object's SQLite on first use. */
  private load(ref: ShardRef): ShardState {
    if (this.state) {
      if (this.state.shard !== ref.shard || this.state.count !== ref.count)
        throw new Error(`index shard ${this.state.shard}/${this.state.count} asked as ${ref.shard}/${ref.count}`);
      return this.state;
    }
    const identity = `${ref.shard}/${ref.count}`;
    const known = this.meta("identity");
    if (known !== null && known !== identity) throw new Error(`index shard ${known} asked as ${identity}`);
    if (known === null) this.setMeta("identity", identity);
    const s = new ShardState(ref.shard, ref.count);
    for (const r of this.ctx.storage.sql.exec<Record<string, SqlStorageValue>>(`SELECT * FROM shard_rows ORDER BY ord`)) s.put(r as never);
    this.state = s;
    this.version = this.meta("version");
    return s;
  }

  /** Brings the shard to catalogue version `wanted` or later (two sync rounds at most; the caller checks versions). */
  private async ensure(ref: ShardRef): Promise<ShardState> {
    const s = this.load(ref);
    for (let round = 0; round < 2 && !(this.version && covers(this.version, ref.version)); round++) {
      this.syncing ??= this.sync(ref).finally(() => (this.syncing = null));
      await this.syncing;
    }
    return this.state ?? s;
  }

  private async sync(ref: ShardRef) {
    const feed = new ShardFeed(limitValues(this.env.DB, maxValueBytes(this.env)), ref.shard, ref.count, pageSize(this.env));
    const head = await feed.head();
    const from = this.version ? logPosition(this.version, head.version) : null;
    if (from !== null && head.logFrom !== null && from >= head.logFrom) {
      for (let after = -1; ;) {
        const page = await feed.changes(from, after);
        this.write(
          () => {
            for (const c of page) {
              if (c.row) this.apply(c.row);
              else this.drop(c.ord);
            }
          },
          page.map((c) => c.ord),
        );
        if (page.length < feed.page) break;
        after = page[page.length - 1]!.ord;
      }
      // the log was trimmed past our position while we read it: what we read may have gaps
      const after = await feed.head();
      if (after.logFrom === null || after.logFrom <= from) return this.setVersion(head.version);
    }
    this.setVersion(await this.rebuild(feed, ref, head.version));
  }

  private setVersion(v: string) {
    this.setMeta("version", v);
    this.version = v;
  }

  /**
   * A full build from D1, resumable: `build_of` holds the version it started at, each page commits, so a build cut
   * off (the object reset or evicted) goes on after its last ordinal instead of starting again. Its rows are as new
   * as `build_of` or newer; it answers `build_of`, and the next sync replays the change log from there.
   */
  private async rebuild(feed: ShardFeed, ref: ShardRef, now: string): Promise<string> {
    const sql = this.ctx.storage.sql;
    let of = this.meta("build_of");
    let after = -1;
    if (of === null || !this.state) {
      of = now;
      this.ctx.storage.transactionSync(() => {
        sql.exec(`DELETE FROM shard_meta WHERE key = 'version'`);
        sql.exec(`DELETE FROM shard_rows`);
        sql.exec(`INSERT INTO shard_fts (shard_fts) VALUES ('delete-all')`);
        sql.exec(`DELETE FROM shard_terms`);
        sql.exec(`DELETE FROM shard_postings`);
        sql.exec(`DELETE FROM shard_packed`);
        this.setMeta("build_of", now);
      });
      this.texts.clear();
      this.state = new ShardState(ref.shard, ref.count);
    } else after = sql.exec<{ o: number | null }>(`SELECT max(ord) AS o FROM shard_rows`).one().o ?? -1;
    this.version = null;
    const insert = (r: FeedRow) => this.apply(r, false);
    const optimize = () => sql.exec(`INSERT INTO shard_fts (shard_fts) VALUES ('optimize')`);
    const transaction = (fn: () => void) => this.write(fn);
    const pack = () => packTerms(sql, (fn) => this.ctx.storage.transactionSync(fn), packMin(this.env));
    this.lastBuild = await bulkLoad(feed, { transaction, insert, optimize, pack }, pageSize(this.env), after);
    this.setMeta("last_build", JSON.stringify(this.lastBuild));
    sql.exec(`DELETE FROM shard_meta WHERE key = 'build_of'`);
    return of;
  }

  /**
   * One write transaction: its rows' term frequencies are copied into shard_terms before it commits. `changed`, the
   * ordinals it writes or deletes (unknown for a build page), lets the phrase cache forget only what they touch.
   */
  private write(fn: () => void, changed?: number[]) {
    this.ctx.storage.transactionSync(() => {
      try {
        fn();
        this.terms.flush();
      } catch (err) {
        this.terms.forget();
        throw err;
      }
    });
    if (changed && changed.length <= MAX_SELECTIVE_CHANGES) this.texts.forget(this.rowChanges(changed));
    else this.texts.clear();
  }

  /** The changed rows' slots and the terms each holds now (read from shard_terms after the write committed). */
  private rowChanges(ords: number[]): RowChange[] {
    const terms = new Map<number, string[]>(ords.map((o) => [o, []]));
    const rows = this.ctx.storage.sql.exec<{ doc: number; term: string }>(
      `SELECT doc, term FROM shard_terms WHERE doc IN (SELECT value FROM json_each(?))`,
      JSON.stringify(ords),
    );
    for (const r of rows) terms.get(r.doc)?.push(r.term);
    return [...terms].map(([ord, held]) => ({ slot: this.state!.slotOf(ord), terms: held }));
  }

  /** Writes a row in; `replace` false when the shard is known not to hold it (a build into empty tables). */
  private apply(r: FeedRow, replace = true) {
    const sql = this.ctx.storage.sql;
    if (replace) sql.exec(`DELETE FROM shard_fts WHERE rowid = ?`, r.ord);
    sql.exec(`INSERT INTO shard_fts (rowid, title, keywords, description) VALUES (?, ?, ?, ?)`, r.ord, r.title_text, r.keywords_text, r.description_text);
    this.terms.add(r.ord, r.title_text, r.keywords_text, r.description_text, !replace);
    const dl = tokenCount(sql, r.ord);
    sql.exec(
      `INSERT OR REPLACE INTO shard_rows (ord, dl, publisher_id, access_rights, facets, modified, title_sort, min_age, max_age, temporal_start, temporal_end, individuals, quality)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      r.ord,
      dl,
      r.publisher_id,
      r.access_rights,
      r.facets,
      r.modified,
      r.title_sort,
      r.min_age,
      r.max_age,
      r.temporal_start,
      r.temporal_end,
      r.individuals,
      r.quality ?? null,
    );
    this.state!.put({ ...r, dl });
  }

  private drop(ord: number) {
    this.ctx.storage.sql.exec(`DELETE FROM shard_fts WHERE rowid = ?`, ord);
    this.ctx.storage.sql.exec(`DELETE FROM shard_rows WHERE ord = ?`, ord);
    this.terms.remove(ord);
    this.state!.remove(ord);
  }

  /** The hits of a match expression: the intersection of its phrases' row lists (cached until a write touches them). */
  private text(s: ShardState, match: string): PhraseHits {
    return intersect(phrasesOf(match).map((p) => this.texts.get(p, () => phraseList(this.ctx.storage.sql, s, p, packMin(this.env)))));
  }

  /** This shard's part of the catalogue-wide bm25 statistics for `match`. */
  async stats(req: ShardRef & { match: string }): Promise<ShardStats> {
    const s = await this.ensure(req);
    const t = this.text(s, req.match);
    return { version: this.version ?? "", rows: s.live, tokens: s.tokens, hits: t.hits };
  }

  async query(req: ShardQueryRequest): Promise<{ version: string; answer: ShardAnswer; bytes: number }> {
    const s = await this.ensure(req);
    let hits: TextHits | null = null;
    if (req.match === "none") hits = { slots: new Int32Array(0), score: null };
    else if (req.match) {
      const t = this.text(s, req.match);
      let score: TextHits["score"] = null;
      if (req.stats && req.query.sort === "relevance") {
        const bm25 = scorer(req.stats);
        const freq = new Float64Array(t.freqs.length);
        score = (h) => {
          for (let i = 0; i < t.freqs.length; i++) freq[i] = t.freqs[i]![h]!;
          return bm25(freq, s.dl[t.slots[h]!]!);
        };
      }
      hits = { slots: t.slots, score };
    }
    return { version: this.version ?? "", answer: runShardQuery(s, req.query, hits), bytes: s.bytes() };
  }

  /**
   * Rows, in-memory bytes of the search structures (counted, ./state.ts bytes()) and of the text cache, the size of
   * this object's SQLite database, the last full build's figures, version.
   */
  async info(req: ShardRef): Promise<ShardInfo> {
    const s = await this.ensure(req);
    return {
      shard: req.shard,
      rows: s.live,
      bytes: s.bytes(),
      textCacheBytes: this.texts.bytes,
      sqliteBytes: this.ctx.storage.sql.databaseSize,
      lastBuild: this.lastBuild ?? parseBuild(this.meta("last_build")),
      version: this.version ?? "",
    };
  }

  /** Every publisher with its dataset count and name (organization_list). */
  async publishers(req: ShardRef): Promise<{ version: string; values: [string, number, string | undefined][] }> {
    const s = await this.ensure(req);
    const values: [string, number, string | undefined][] = [];
    for (const id of s.dict[FIELD_INDEX.publisher]!.values()) values.push([s.valueName[id]!, s.valueRefs[id]!, s.valueLabel[id]]);
    return { version: this.version ?? "", values };
  }
}

/** Test seams (unset in production): rows per feed page, a lower SQLite value limit (../../storage/value-limit.ts),
 * and fewer postings from which a term is packed (./packed.ts PACK_MIN_ROWS), so small test catalogues pack too. */
type Seams = { SEARCH_FEED_PAGE?: string; SEARCH_MAX_VALUE_BYTES?: string; SEARCH_PACK_MIN?: string };
const pageSize = (env: Env) => positiveInteger((env as Seams).SEARCH_FEED_PAGE);
const maxValueBytes = (env: Env) => positiveInteger((env as Seams).SEARCH_MAX_VALUE_BYTES);
const packMin = (env: Env) => positiveInteger((env as Seams).SEARCH_PACK_MIN) ?? PACK_MIN_ROWS;

const parseBuild = (raw: string | null): BuildStats | null => (raw ? (JSON.parse(raw) as BuildStats) : null);
