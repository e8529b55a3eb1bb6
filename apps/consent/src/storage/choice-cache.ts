/**
 * The choices a shard object keeps in memory, bounded by estimated bytes as well as by citizens.
 *
 * Each citizen's current choices (the latest version of each) are cached after first use, in an LRU bounded by
 * `citizens` entries and `maxBytes` estimated bytes. A citizen whose choices would take more than `maxCitizenBytes`
 * is not cached: their choices are read from SQLite in batches of CHOICE_BATCH_ROWS rows every time they are needed
 * (`StoredChoices`), so one citizen with very many choices can neither crowd everyone else out nor exhaust the
 * object's 128 MB. See docs/consent.md ("Memory") for the figures.
 */
import { LruMap } from "@regie/shared";
import type { ConcreteParty } from "../decision/evaluate";
import { toEffective, type ChoiceRow, type Effective } from "./choice-rows";

/** Estimated bytes the cache may hold per shard object. */
export const CHOICE_CACHE_BYTES = 16 * 1024 * 1024;
/** Largest estimated size of one citizen's cached choices; a citizen above it is read from SQLite instead. */
export const CHOICE_CACHE_CITIZEN_BYTES = 1024 * 1024;
/** Rows read from SQLite at a time when loading or streaming a citizen's choices. */
export const CHOICE_BATCH_ROWS = 1000;

/**
 * Estimated heap bytes of one cached choice: a fixed part for the objects (the row with its 21 fields, the evaluable
 * view, its two parties, the Map entry) plus two bytes per character of its strings. Calibrated against V8: 586 bytes
 * measured for a typical choice, for which this estimate gives ≈ 700 (it errs on the high side).
 */
export const CHOICE_FIXED_BYTES = 384;
export function choiceBytes(row: ChoiceRow): number {
  let chars = 0;
  for (const v of Object.values(row)) if (typeof v === "string") chars += v.length;
  return CHOICE_FIXED_BYTES + 2 * chars;
}
/** The cache entry itself (key, Map, bookkeeping). */
const CITIZEN_FIXED_BYTES = 256;

/** A citizen's current choices: from memory (`cached`) or read from SQLite on demand. */
export interface CitizenChoices {
  readonly cached: boolean;
  get(id: string): Effective | undefined;
  /** Every current choice, in the order the choices were first recorded. */
  values(): Iterable<Effective>;
}

class CachedChoices implements CitizenChoices {
  readonly cached = true;
  readonly byId = new Map<string, Effective>();
  bytes: number;
  constructor(citizen: string) {
    this.bytes = CITIZEN_FIXED_BYTES + 2 * citizen.length;
  }
  get(id: string) {
    return this.byId.get(id);
  }
  values() {
    return this.byId.values();
  }
  put(e: Effective): void {
    const before = this.byId.get(e.id);
    if (before) this.bytes -= choiceBytes(before.row);
    this.bytes += choiceBytes(e.row);
    this.byId.set(e.id, e);
  }
}

type Row = ChoiceRow & Record<string, SqlStorageValue>;

/** A citizen too large to cache: every read goes to SQLite, at most CHOICE_BATCH_ROWS rows at a time. */
export class StoredChoices implements CitizenChoices {
  readonly cached = false;
  constructor(
    private readonly sql: SqlStorage,
    private readonly citizen: string,
  ) {}

  get(id: string): Effective | undefined {
    const row = this.sql.exec<Row>("SELECT * FROM choices WHERE id = ? AND citizen = ? ORDER BY version DESC LIMIT 1", id, this.citizen).toArray()[0];
    return row ? toEffective(row) : undefined;
  }

  values(): Iterable<Effective> {
    return this.batches();
  }

  /**
   * The active choices whose requester side names this requester and whose holder side names one of these holders:
   * the only ones a question between them can match. SQLite does the filtering, so a citizen with 10,000 choices
   * costs a scan in SQLite, not 10,000 objects.
   */
  matching(holders: readonly ConcreteParty[], requester: ConcreteParty): Effective[] {
    // the cheap conditions first (every version is scanned), the latest-version lookup only for rows that pass them
    const rows = this.sql
      .exec<Row>(
        `SELECT c.* FROM choices c
         WHERE c.citizen = ? AND c.status = 'active' AND (c.requester_kind || ':' || c.requester_value) IN (?, ?)
           AND (c.holder_kind || ':' || c.holder_value) IN (SELECT value FROM json_each(?))
           AND c.version = (SELECT max(version) FROM choices WHERE id = c.id)
         ORDER BY (SELECT seq FROM choices WHERE id = c.id AND version = 1)`,
        this.citizen,
        `ura:${requester.ura}`,
        `category:${requester.category}`,
        JSON.stringify(holders.flatMap((h) => [`ura:${h.ura}`, `category:${h.category}`])),
      )
      .toArray();
    return rows.map(toEffective);
  }

  /** The latest version of each choice, in batches, keyed and ordered by the seq of its first version. */
  private *batches(): Iterable<Effective> {
    let after = -1;
    for (;;) {
      const rows = this.sql
        .exec<Row & { first_seq: number }>(
          `SELECT c.*, f.seq AS first_seq FROM choices f JOIN choices c ON c.id = f.id AND c.version = (SELECT max(version) FROM choices WHERE id = f.id)
           WHERE f.citizen = ? AND f.version = 1 AND f.seq > ? ORDER BY f.seq LIMIT ?`,
          this.citizen,
          after,
          CHOICE_BATCH_ROWS,
        )
        .toArray();
      for (const r of rows) yield toEffective(r);
      if (rows.length < CHOICE_BATCH_ROWS) return;
      after = rows[rows.length - 1]!.first_seq;
    }
  }
}

export interface ChoiceCacheStats {
  citizens: number;
  capacity: number;
  /** estimated bytes held, and the most it may hold */
  bytes: number;
  maxBytes: number;
  maxCitizenBytes: number;
  /** citizens known to be too large to cache (read from SQLite each time) */
  uncached: number;
}

export class ChoiceCache {
  private readonly lru: LruMap<string, CachedChoices>;
  /** Citizens found too large to cache (a citizen's choices only grow: versions are never removed). */
  private readonly oversized: LruMap<string, true>;

  constructor(
    private readonly sql: SqlStorage,
    opts: { citizens: number; maxBytes?: number; maxCitizenBytes?: number },
  ) {
    const maxBytes = opts.maxBytes ?? CHOICE_CACHE_BYTES;
    this.lru = new LruMap(opts.citizens, {
      weigh: (c) => c.bytes,
      maxWeight: maxBytes,
      maxEntryWeight: Math.min(opts.maxCitizenBytes ?? CHOICE_CACHE_CITIZEN_BYTES, maxBytes),
    });
    this.oversized = new LruMap(opts.citizens);
  }

  /** The citizen's current choices: cached, loaded into the cache, or (too large) a view over SQLite. */
  of(citizen: string): CitizenChoices {
    const hit = this.lru.get(citizen);
    if (hit) return hit;
    if (this.oversized.has(citizen)) return new StoredChoices(this.sql, citizen);
    const entry = new CachedChoices(citizen);
    let after = -1;
    for (;;) {
      const rows = this.sql.exec<Row>("SELECT * FROM choices WHERE citizen = ? AND seq > ? ORDER BY seq LIMIT ?", citizen, after, CHOICE_BATCH_ROWS).toArray();
      for (const r of rows) entry.put(toEffective(r));
      if (entry.bytes > this.lru.maxEntryWeight) return this.markOversized(citizen);
      if (rows.length < CHOICE_BATCH_ROWS) break;
      after = rows[rows.length - 1]!.seq;
    }
    this.lru.set(citizen, entry);
    return entry;
  }

  /** A new version of one of the citizen's choices was written (inside the write's transaction). */
  put(citizen: string, row: ChoiceRow): void {
    const entry = this.of(citizen);
    if (!(entry instanceof CachedChoices)) return; // read from SQLite each time: nothing to update
    entry.put(toEffective(row));
    this.lru.set(citizen, entry); // re-weighed; dropped when it grew past the per-citizen maximum
    if (!this.lru.has(citizen)) this.markOversized(citizen);
  }

  /** Forgets a citizen (after a rolled-back write: reloaded from SQLite on next use). */
  drop(citizen: string): void {
    this.lru.delete(citizen);
  }

  stats(): ChoiceCacheStats {
    return {
      citizens: this.lru.size,
      capacity: this.lru.capacity,
      bytes: this.lru.weight,
      maxBytes: this.lru.maxWeight,
      maxCitizenBytes: this.lru.maxEntryWeight,
      uncached: this.oversized.size,
    };
  }

  private markOversized(citizen: string): StoredChoices {
    this.lru.delete(citizen);
    this.oversized.set(citizen, true);
    return new StoredChoices(this.sql, citizen);
  }
}
