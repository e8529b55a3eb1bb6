/**
 * A citizen's choices as the shard keeps them: append-only versions in SQLite, the current ones cached in memory
 * (../choice-cache.ts). Reads for the API and the decision engine, and the one way a version is written.
 */
import type { Choice, ChoiceVersion } from "@regie/shared/contracts/consent";
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from "@regie/shared/contracts/consent";
import type { ConcreteParty } from "../../decision/evaluate";
import { StoredChoices, type ChoiceCache, type CitizenChoices } from "../choice-cache";
import { toChoice, type ChoiceRow, type Effective } from "../choice-rows";

export class ChoiceVersions {
  constructor(
    private readonly sql: SqlStorage,
    readonly cache: ChoiceCache,
  ) {}

  /** The citizen's current choices (cached, or read from SQLite when too large to cache). */
  of(citizen: string): CitizenChoices {
    return this.cache.of(citizen);
  }

  /**
   * The choices a question between these parties can match. Cached: all of them (evaluated in memory). Too large to
   * cache: only the active choices whose parties match, filtered by SQLite, so memory follows the question, not the
   * citizen's total.
   */
  candidates(citizen: string, holders: readonly ConcreteParty[], requester: ConcreteParty): Iterable<Effective> {
    const choices = this.of(citizen);
    if (choices instanceof StoredChoices) return holders.length === 0 ? [] : choices.matching(holders, requester);
    return { [Symbol.iterator]: () => choices.values()[Symbol.iterator]() }; // one pass per question
  }

  /** The current choices that are not withdrawn. */
  list(citizen: string): Choice[] {
    return [...this.of(citizen).values()].filter((c) => c.status !== "withdrawn").map((c) => toChoice(c.row));
  }

  /** One page of every version of every choice, oldest first: at most `limit` versions with seq > `after`. */
  history(citizen: string, page: { limit?: number; after?: number } = {}): { items: ChoiceVersion[]; next: number | null } {
    const limit = Math.max(1, Math.min(HISTORY_PAGE_MAX, Math.floor(page.limit ?? HISTORY_PAGE_DEFAULT)));
    const rows = this.sql
      .exec<ChoiceRow & Record<string, SqlStorageValue>>(
        "SELECT * FROM choices WHERE citizen = ? AND seq > ? ORDER BY seq LIMIT ?",
        citizen,
        page.after ?? 0,
        limit + 1,
      )
      .toArray();
    const more = rows.length > limit;
    if (more) rows.length = limit;
    return { items: rows.map((r) => ({ ...toChoice(r), change: r.change })), next: more ? rows[rows.length - 1]!.seq : null };
  }

  /** How many of the citizen's choices wait for a guardian. */
  pendingCount(citizen: string): number {
    let n = 0;
    for (const c of this.of(citizen).values()) if (c.status === "pending") n++;
    return n;
  }

  /** Appends a version (inside a write's transaction) and updates the cache. */
  insert(citizen: string, r: Omit<ChoiceRow, "seq">, note?: string): ChoiceRow {
    const row = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO choices (id, version, citizen, holder_kind, holder_value, requester_kind, requester_value, data_category, decision, valid_until, status, temporary, recorded_role, recorded_ura, recorded_org_type, channel, change, note, created_at, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        r.id,
        r.version,
        citizen,
        r.holder_kind,
        r.holder_value,
        r.requester_kind,
        r.requester_value,
        r.data_category,
        r.decision,
        r.valid_until,
        r.status,
        r.temporary,
        r.recorded_role,
        r.recorded_ura,
        r.recorded_org_type,
        r.channel,
        r.change,
        note ?? null,
        r.created_at,
        r.at,
      )
      .one();
    const full: ChoiceRow = { ...r, seq: row.seq };
    this.cache.put(citizen, full);
    return full;
  }
}
