import { DurableObject } from "cloudflare:workers";
import { capacityFrom, categoryOf, DATA_CATEGORIES, LruMap, shardOf, type ErrorCode } from "@regie/shared";
import type {
  AccessLogVerification,
  CategoryDecision,
  Choice,
  ChoiceInput,
  ChoiceResult,
  ChoiceVersion,
  Notification,
  Party,
  Purpose,
  SecondaryUseState,
  Subscription,
} from "@regie/shared/contracts/consent";
import { HISTORY_PAGE_DEFAULT, HISTORY_PAGE_MAX } from "@regie/shared/contracts/consent";
import type { Bindings } from "../env";
import { evaluate, type ConcreteParty } from "../decision/evaluate";
import { entryHash, GENESIS_HASH, type LogContent } from "../log/chain";
import { sha256Hex } from "../log/sha256";
import { accessLogPage, logReadStats, resetLogReadStats, verifyAccessLog, type AccessLogPage } from "./access-log";
import { ChoiceCache, StoredChoices, type ChoiceCacheStats, type CitizenChoices } from "./choice-cache";
import { toChoice, type ChoiceRow, type Effective } from "./choice-rows";
import { outboxStatements, type OutboxMessage } from "./directory";
import { SHARD_SCHEMA } from "./schema";
import { checkPlacement, SHARD_COUNT_REFUSED, type Placement } from "./shard-count";

/** Who performs an operation (never a BSN: the citizen is always a pseudonym). */
export interface Actor {
  role: "citizen" | "guardian" | "provider" | "hdab" | "system";
  ura?: string;
  organizationType?: string;
  uziRole?: string;
}

/** Expected failures travel as values over RPC; anything thrown is an infrastructure failure (503). */
export interface ShardResult<T> {
  ok: boolean;
  value?: T;
  code?: ErrorCode;
  detail?: string;
}

export interface WriteOptions {
  /** Scope-qualified idempotency key (same key -> same stored response, nothing created twice). */
  idempotencyKey?: string;
  /** The subject is under 16 and records for themselves (or a provider does): a guardian must confirm. */
  pending?: boolean;
}

const TEMPORARY_MS = 72 * 3600 * 1000;
/** Citizens whose choices one shard object keeps in memory (see docs/consent.md, "Memory"). */
const DEFAULT_CACHE_CITIZENS = 1000;
const CONFIRMATION_MS = 30 * 24 * 3600 * 1000;
const ALL_CATEGORIES = DATA_CATEGORIES.map((c) => c.code);

function partyColumns(p: Party): [string, string] {
  return "ura" in p ? ["ura", p.ura] : ["category", p.category];
}

function parseValidUntil(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  // a bare date means "until the end of that day" (exclusive end: the next midnight UTC)
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(v + "T00:00:00Z") + 24 * 3600 * 1000 : Date.parse(v);
}

function confirmationCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

function ok<T>(value: T): ShardResult<T> {
  return { ok: true, value };
}
function fail<T>(code: ErrorCode, detail: string): ShardResult<T> {
  return { ok: false, code, detail };
}

/**
 * The operations the worker may call, always through `run` (which checks the caller's shard count first); see
 * `shardStub` in ./shards.ts. Everything else on the object is for tests and operations (runInDurableObject).
 */
export const SHARD_OPERATIONS = [
  "check", "locate", "listChoices", "history", "record", "change", "withdraw", "confirm", "pendingCount", "subscribe", "temporaryConsent",
  "notifications", "accessLog", "verifyLog", "fhirChoices", "secondaryUse", "setSecondaryUse", "recordMany", "seedCitizen",
] as const;
export type ShardOperation = (typeof SHARD_OPERATIONS)[number];
const OPERATIONS: ReadonlySet<string> = new Set(SHARD_OPERATIONS);

/**
 * A shard of citizens (SQLite-backed Durable Object): their choices (append-only versions), subscriptions,
 * notifications, hash-chained access log, pending confirmations for minors, idempotency keys and an outbox to D1.
 * Each citizen's current choices are kept in memory after first use, so a check is an in-memory evaluation plus one
 * log insert. Every write runs in one synchronous transaction (serialised by the object).
 */
export class ConsentShard extends DurableObject<Bindings> {
  private readonly sql: SqlStorage;
  /** Per citizen: current choices (bounded by citizens and by estimated bytes, ./choice-cache.ts) and the last access-log hash. */
  private readonly choices: ChoiceCache;
  private readonly lastHash: LruMap<string, string>;
  /** `shard/of` of the placement this object confirmed against its own record (./shard-count.ts). */
  private confirmedPlacement: string | null = null;
  /** Test-only hooks (set through runInDurableObject): a replacement D1, a failure inside the next write. */
  testHooks: { d1?: D1Database; failInsideNextWrite?: boolean; clockOffsetMs?: number } = {};

  /** An empty call: the cost of the round trip to this object alone (GET /dev/shard-ping, benchmarks). */
  ping(): true {
    return true;
  }

  /** How many citizens (and estimated bytes) this object holds in memory, and how many it may (operations and tests). */
  cacheStats(): ChoiceCacheStats {
    return this.choices.stats();
  }

  /**
   * The worker's only way in: refuses the call when its placement (`shard-N` of `count`) is not the one this object
   * recorded on first use, or when a citizen in it does not belong to this object under that count; then runs `op`.
   * Refusals are thrown (the worker answers 503 MISCONFIGURED with the detail); nothing is read or written.
   */
  run(placement: Placement, op: ShardOperation, args: unknown[]): unknown {
    const key = `${placement.shard}/${placement.of}`;
    if (this.confirmedPlacement !== key) {
      const refused = checkPlacement(this.sql, placement, shardOf);
      if (refused) throw new Error(SHARD_COUNT_REFUSED + refused);
      this.confirmedPlacement = key;
    }
    if (!OPERATIONS.has(op)) throw new Error(`Not a shard operation: ${String(op)}`);
    const citizens = op === "recordMany" ? (args[0] as { citizen: string }[]).map((i) => i.citizen) : [args[0] as string];
    for (const c of citizens) {
      if (typeof c !== "string" || shardOf(c, placement.of) !== placement.shard) throw new Error(SHARD_COUNT_REFUSED + `A citizen in this call does not belong to shard-${placement.shard} of ${placement.of}; nothing was read or written.`);
    }
    return (this[op] as (...a: unknown[]) => unknown)(...args);
  }

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env);
    const capacity = capacityFrom(env.CHOICE_CACHE_CITIZENS, DEFAULT_CACHE_CITIZENS);
    this.sql = ctx.storage.sql;
    this.sql.exec(SHARD_SCHEMA);
    this.choices = new ChoiceCache(this.sql, { citizens: capacity });
    this.lastHash = new LruMap(capacity);
  }

  // ------------------------------------------------------------ internal helpers

  private load(citizen: string): CitizenChoices {
    return this.choices.of(citizen);
  }

  /**
   * The choices a question between these parties can match. Cached: all of them (evaluated in memory). Too large to
   * cache: only the active choices whose parties match, filtered by SQLite, so memory follows the question, not the
   * citizen's total.
   */
  private candidates(citizen: string, holders: readonly ConcreteParty[], requester: ConcreteParty): Iterable<Effective> {
    const choices = this.load(citizen);
    if (choices instanceof StoredChoices) return holders.length === 0 ? [] : choices.matching(holders, requester);
    return { [Symbol.iterator]: () => choices.values()[Symbol.iterator]() }; // one pass per question
  }

  private prevHash(citizen: string): string {
    let h = this.lastHash.get(citizen);
    if (h === undefined) {
      const row = this.sql.exec<{ hash: string }>("SELECT hash FROM access_log WHERE citizen = ? ORDER BY seq DESC LIMIT 1", citizen).toArray()[0];
      h = row?.hash ?? GENESIS_HASH;
      this.lastHash.set(citizen, h);
    }
    return h;
  }

  private log(citizen: string, actor: Actor, e: { action: string; outcome: string; holderUra?: string | null; purpose?: string | null; dataCategories?: string[]; emergency?: boolean; eventId?: string }): void {
    const content: LogContent = {
      citizen,
      eventId: e.eventId ?? crypto.randomUUID(),
      action: e.action,
      at: new Date().toISOString(),
      outcome: e.outcome,
      actorRole: actor.role,
      actorUra: actor.ura ?? null,
      actorOrgType: actor.organizationType ?? null,
      actorUziRole: actor.uziRole ?? null,
      holderUra: e.holderUra ?? null,
      purpose: e.purpose ?? null,
      dataCategories: e.dataCategories ?? [],
      emergency: e.emergency ?? false,
    };
    const prev = this.prevHash(citizen);
    const hash = entryHash(prev, content);
    this.sql.exec(
      `INSERT INTO access_log (citizen, event_id, action, at, outcome, actor_role, actor_ura, actor_org_type, actor_uzi_role, holder_ura, purpose, data_categories, emergency, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      citizen, content.eventId, content.action, content.at, content.outcome, content.actorRole, content.actorUra, content.actorOrgType,
      content.actorUziRole, content.holderUra, content.purpose, JSON.stringify(content.dataCategories), content.emergency ? 1 : 0, prev, hash,
    );
    this.lastHash.set(citizen, hash);
  }

  private notify(citizen: string, kind: Notification["kind"], message: string, choiceId: string | null): void {
    this.sql.exec("INSERT INTO notifications (id, citizen, kind, message, choice_id, created_at) VALUES (?, ?, ?, ?, ?, ?)", crypto.randomUUID(), citizen, kind, message, choiceId, Date.now());
  }

  private enqueue(m: OutboxMessage): void {
    this.sql.exec("INSERT INTO outbox (payload, created_at) VALUES (?, ?)", JSON.stringify(m), Date.now());
  }

  /** Subscribed holders learn that this citizen's consent changed (through the outbox into D1). */
  private notifySubscribers(citizen: string, except?: string): void {
    const subs = this.sql.exec<{ id: string; ura: string }>("SELECT id, ura FROM subscriptions WHERE citizen = ?", citizen).toArray();
    const at = Date.now();
    for (const s of subs) {
      if (s.ura === except) continue;
      this.enqueue({ kind: "provider-notification", id: crypto.randomUUID(), ura: s.ura, subscriptionId: s.id, message: `The consent choices of the patient of subscription ${s.id} changed`, at });
    }
  }

  /**
   * Runs a write atomically. On any failure SQLite rolls back and the in-memory state of the citizen is dropped
   * (reloaded from storage on next use), so nothing is half-written.
   */
  private write<T>(citizen: string, idempotencyKey: string | undefined, fn: () => ShardResult<T>): ShardResult<T> {
    if (idempotencyKey) {
      const prior = this.sql.exec<{ response: string }>("SELECT response FROM idempotency WHERE key = ?", idempotencyKey).toArray()[0];
      if (prior) return JSON.parse(prior.response) as ShardResult<T>;
    }
    try {
      return this.ctx.storage.transactionSync(() => {
        const result = fn();
        if (this.testHooks.failInsideNextWrite) {
          this.testHooks.failInsideNextWrite = false;
          throw new Error("injected storage failure (test hook)");
        }
        if (idempotencyKey && result.ok) {
          this.sql.exec("INSERT INTO idempotency (key, response, created_at) VALUES (?, ?, ?)", idempotencyKey, JSON.stringify(result), Date.now());
        }
        return result;
      });
    } catch (err) {
      this.choices.drop(citizen);
      this.lastHash.delete(citizen);
      throw err;
    }
  }

  private insertVersion(citizen: string, r: Omit<ChoiceRow, "seq">, note?: string): ChoiceRow {
    const row = this.sql
      .exec<{ seq: number }>(
        `INSERT INTO choices (id, version, citizen, holder_kind, holder_value, requester_kind, requester_value, data_category, decision, valid_until, status, temporary, recorded_role, recorded_ura, recorded_org_type, channel, change, note, created_at, at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING seq`,
        r.id, r.version, citizen, r.holder_kind, r.holder_value, r.requester_kind, r.requester_value, r.data_category, r.decision, r.valid_until,
        r.status, r.temporary, r.recorded_role, r.recorded_ura, r.recorded_org_type, r.channel, r.change, note ?? null, r.created_at, r.at,
      )
      .one();
    const full: ChoiceRow = { ...r, seq: row.seq };
    this.choices.put(citizen, full);
    return full;
  }

  /** The shard's clock (tests may move it forward to let a 72-hour consent expire). */
  private now(): number {
    return Date.now() + (this.testHooks.clockOffsetMs ?? 0);
  }

  private d1(): D1Database {
    return this.testHooks.d1 ?? this.env.DB;
  }

  /** Pushes pending outbox rows to D1; on failure keeps them and retries from an alarm. True when empty. */
  async flushOutbox(): Promise<boolean> {
    const rows = this.sql.exec<{ id: number; payload: string }>("SELECT id, payload FROM outbox ORDER BY id LIMIT 50").toArray();
    if (rows.length === 0) return true;
    const db = this.d1();
    try {
      await db.batch(rows.flatMap((r) => outboxStatements(db, JSON.parse(r.payload) as OutboxMessage)));
    } catch {
      this.sql.exec("UPDATE outbox SET attempts = attempts + 1 WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(rows.map((r) => r.id)));
      const attempts = this.sql.exec<{ a: number }>("SELECT max(attempts) AS a FROM outbox").one().a;
      await this.ctx.storage.setAlarm(Date.now() + Math.min(60_000, 500 * 2 ** Math.min(attempts, 7)));
      return false;
    }
    this.sql.exec("DELETE FROM outbox WHERE id IN (SELECT value FROM json_each(?))", JSON.stringify(rows.map((r) => r.id)));
    const more = this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
    if (more > 0) return this.flushOutbox();
    return true;
  }

  override async alarm(): Promise<void> {
    await this.flushOutbox();
  }

  /** Number of undelivered outbox rows (operations and tests). */
  outboxSize(): number {
    return this.sql.exec<{ n: number }>("SELECT count(*) AS n FROM outbox").one().n;
  }

  private async afterWrite<T>(result: ShardResult<T>): Promise<ShardResult<T>> {
    if (this.outboxSize() > 0) await this.flushOutbox();
    return result;
  }

  // ------------------------------------------------------------ provider questions

  check(
    citizen: string,
    q: { holder: { ura: string; organizationType: string }; requester: { ura: string; organizationType: string; uziRole?: string }; purpose: Purpose; dataCategories: string[] },
  ): CategoryDecision[] {
    const now = this.now();
    const holder = { ura: q.holder.ura, category: categoryOf(q.holder.organizationType) ?? "overig" };
    const requester = { ura: q.requester.ura, category: categoryOf(q.requester.organizationType) ?? "overig" };
    const all = this.candidates(citizen, [holder], requester);
    const decisions = q.dataCategories.map((dataCategory) => evaluate(all, { holder, requester, dataCategory, purpose: q.purpose, now }));
    const permits = decisions.filter((d) => d.decision === "permit").length;
    this.log(citizen, { role: "provider", ura: q.requester.ura, organizationType: q.requester.organizationType, uziRole: q.requester.uziRole }, {
      action: "consent-check",
      outcome: permits === decisions.length ? "permit" : permits === 0 ? "deny" : "partial",
      holderUra: q.holder.ura,
      purpose: q.purpose,
      dataCategories: q.dataCategories,
      emergency: decisions.some((d) => d.temporary && d.decision === "permit"),
    });
    return decisions;
  }

  locate(citizen: string, requester: { ura: string; organizationType: string; uziRole?: string }, purpose: Purpose, dataCategories: string[] | undefined) {
    const now = this.now();
    const req = { ura: requester.ura, category: categoryOf(requester.organizationType) ?? "overig" };
    const subs = this.sql.exec<{ ura: string; organization_type: string; data_categories: string }>("SELECT ura, organization_type, data_categories FROM subscriptions WHERE citizen = ? ORDER BY created_at", citizen).toArray();
    const all = this.candidates(citizen, subs.map((s) => ({ ura: s.ura, category: categoryOf(s.organization_type) ?? "overig" })), req);
    const sources: { ura: string; organizationType: string; dataCategories: string[] }[] = [];
    let emergency = false;
    for (const s of subs) {
      if (s.ura === requester.ura) continue;
      const held = JSON.parse(s.data_categories) as string[];
      const asked = dataCategories ?? held;
      const holder = { ura: s.ura, category: categoryOf(s.organization_type) ?? "overig" };
      const permitted: string[] = [];
      for (const dc of asked) {
        if (!held.includes(dc)) continue;
        const d = evaluate(all, { holder, requester: req, dataCategory: dc, purpose, now });
        if (d.decision === "permit") {
          permitted.push(dc);
          emergency ||= d.temporary;
        }
      }
      if (permitted.length) sources.push({ ura: s.ura, organizationType: s.organization_type, dataCategories: permitted });
    }
    this.log(citizen, { role: "provider", ...requester }, {
      action: "locate",
      outcome: `${sources.length} source(s)`,
      purpose,
      dataCategories: dataCategories ?? ALL_CATEGORIES,
      emergency,
    });
    return sources;
  }

  // ------------------------------------------------------------ choices

  listChoices(citizen: string): Choice[] {
    return [...this.load(citizen).values()].filter((c) => c.status !== "withdrawn").map((c) => toChoice(c.row));
  }

  /** One page of every version of every choice, oldest first: at most `limit` versions with seq > `after`. */
  history(citizen: string, page: { limit?: number; after?: number } = {}): { items: ChoiceVersion[]; next: number | null } {
    const limit = Math.max(1, Math.min(HISTORY_PAGE_MAX, Math.floor(page.limit ?? HISTORY_PAGE_DEFAULT)));
    const rows = this.sql
      .exec<ChoiceRow & Record<string, SqlStorageValue>>("SELECT * FROM choices WHERE citizen = ? AND seq > ? ORDER BY seq LIMIT ?", citizen, page.after ?? 0, limit + 1)
      .toArray();
    const more = rows.length > limit;
    if (more) rows.length = limit;
    return { items: rows.map((r) => ({ ...toChoice(r), change: r.change })), next: more ? rows[rows.length - 1]!.seq : null };
  }

  async record(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions = {}): Promise<ShardResult<ChoiceResult>> {
    const result = this.write(citizen, opts.idempotencyKey, () => this.recordInWrite(citizen, input, actor, opts));
    return this.afterWrite(result);
  }

  /** The body of `record`; runs inside a write's transaction. */
  private recordInWrite(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions): ShardResult<ChoiceResult> {
    const now = this.now();
    const [hk, hv] = partyColumns(input.holder);
    const [rk, rv] = partyColumns(input.requester);
    const id = crypto.randomUUID();
    const status = opts.pending ? "pending" : "active";
    const channel = actor.role === "provider" ? "provider" : "portal";
    const row = this.insertVersion(citizen, {
      id, version: 1, holder_kind: hk, holder_value: hv, requester_kind: rk, requester_value: rv, data_category: input.dataCategory,
      decision: input.decision, valid_until: parseValidUntil(input.validUntil), status, temporary: 0, recorded_role: actor.role,
      recorded_ura: actor.ura ?? null, recorded_org_type: actor.organizationType ?? null, channel, change: "created", created_at: now, at: now,
    });
    const out: ChoiceResult = toChoice(row);
    if (opts.pending) {
      const code = confirmationCode();
      const expiresAt = now + CONFIRMATION_MS;
      this.sql.exec("INSERT INTO pending_confirmations (choice_id, version, citizen, code_hash, expires_at) VALUES (?, ?, ?, ?, ?)", id, 1, citizen, sha256Hex(id + ":" + code), expiresAt);
      this.notify(citizen, "choice-pending-confirmation", "Your choice waits for a parent or guardian to confirm it with the confirmation code.", id);
      out.confirmation = { code, expiresAt: new Date(expiresAt).toISOString() };
    } else {
      this.notifySubscribers(citizen, actor.ura);
    }
    if (actor.role === "provider") {
      this.notify(citizen, "choice-recorded-by-provider", `Care provider ${actor.ura} recorded a choice (${input.decision}, ${input.dataCategory}) on your behalf.`, id);
    }
    this.log(citizen, actor, { action: "choice-recorded", outcome: status, dataCategories: [input.dataCategory] });
    return ok(out);
  }

  async change(citizen: string, id: string, input: ChoiceInput, actor: Actor, opts: WriteOptions = {}): Promise<ShardResult<ChoiceResult>> {
    const result = this.write(citizen, undefined, () => {
      const cur = this.load(citizen).get(id);
      if (!cur) return fail<ChoiceResult>("NOT_FOUND", "No choice with this id");
      if (cur.row.status === "withdrawn") return fail<ChoiceResult>("CONFLICT", "This choice was withdrawn; record a new one");
      const now = this.now();
      const [hk, hv] = partyColumns(input.holder);
      const [rk, rv] = partyColumns(input.requester);
      const status = opts.pending ? "pending" : "active";
      const row = this.insertVersion(citizen, {
        id, version: cur.row.version + 1, holder_kind: hk, holder_value: hv, requester_kind: rk, requester_value: rv, data_category: input.dataCategory,
        decision: input.decision, valid_until: parseValidUntil(input.validUntil), status, temporary: 0, recorded_role: actor.role,
        recorded_ura: actor.ura ?? null, recorded_org_type: actor.organizationType ?? null, channel: actor.role === "provider" ? "provider" : "portal",
        change: "changed", created_at: cur.row.created_at, at: now,
      });
      const out: ChoiceResult = toChoice(row);
      this.sql.exec("DELETE FROM pending_confirmations WHERE choice_id = ?", id);
      if (opts.pending) {
        const code = confirmationCode();
        const expiresAt = now + CONFIRMATION_MS;
        this.sql.exec("INSERT INTO pending_confirmations (choice_id, version, citizen, code_hash, expires_at) VALUES (?, ?, ?, ?, ?)", id, row.version, citizen, sha256Hex(id + ":" + code), expiresAt);
        out.confirmation = { code, expiresAt: new Date(expiresAt).toISOString() };
      }
      this.notifySubscribers(citizen, actor.ura);
      this.log(citizen, actor, { action: "choice-changed", outcome: status, dataCategories: [input.dataCategory] });
      return ok(out);
    });
    return this.afterWrite(result);
  }

  async withdraw(citizen: string, id: string, actor: Actor): Promise<ShardResult<Choice>> {
    const result = this.write(citizen, undefined, () => {
      const cur = this.load(citizen).get(id);
      if (!cur) return fail<Choice>("NOT_FOUND", "No choice with this id");
      if (cur.row.status === "withdrawn") return ok(toChoice(cur.row));
      const row = this.insertVersion(citizen, { ...cur.row, version: cur.row.version + 1, status: "withdrawn", change: "withdrawn", recorded_role: actor.role, recorded_ura: actor.ura ?? null, recorded_org_type: actor.organizationType ?? null, channel: actor.role === "provider" ? "provider" : "portal", at: this.now() });
      this.sql.exec("DELETE FROM pending_confirmations WHERE choice_id = ?", id);
      this.notifySubscribers(citizen);
      this.log(citizen, actor, { action: "choice-withdrawn", outcome: "withdrawn", dataCategories: [row.data_category] });
      return ok(toChoice(row));
    });
    return this.afterWrite(result);
  }

  /** A guardian confirms a minor's pending choice with the code the child (or provider) received. */
  async confirm(citizen: string, id: string, code: string, actor: Actor): Promise<ShardResult<Choice>> {
    const result = this.write(citizen, undefined, () => {
      const cur = this.load(citizen).get(id);
      const pending = this.sql.exec<{ version: number; code_hash: string; expires_at: number }>("SELECT version, code_hash, expires_at FROM pending_confirmations WHERE choice_id = ? AND citizen = ?", id, citizen).toArray()[0];
      if (!cur || !pending || cur.row.status !== "pending") return fail<Choice>("NOT_FOUND", "No pending choice with this id");
      if (pending.expires_at <= this.now()) return fail<Choice>("GONE", "The confirmation code has expired; record the choice again");
      if (sha256Hex(id + ":" + code.trim().toUpperCase()) !== pending.code_hash) {
        this.log(citizen, actor, { action: "choice-confirmed", outcome: "rejected: wrong code", dataCategories: [cur.row.data_category] });
        return fail<Choice>("UNPROCESSABLE", "The confirmation code does not match");
      }
      const row = this.insertVersion(citizen, { ...cur.row, version: cur.row.version + 1, status: "active", change: "confirmed", at: this.now() });
      this.sql.exec("DELETE FROM pending_confirmations WHERE choice_id = ?", id);
      this.notify(citizen, "choice-confirmed", "A parent or guardian confirmed your choice; it counts now.", id);
      this.notifySubscribers(citizen);
      this.log(citizen, actor, { action: "choice-confirmed", outcome: "active", dataCategories: [row.data_category] });
      return ok(toChoice(row));
    });
    // a wrong code is logged too: commit the log entry even though the answer is an error
    return this.afterWrite(result);
  }

  pendingCount(citizen: string): number {
    let n = 0;
    for (const c of this.load(citizen).values()) if (c.status === "pending") n++;
    return n;
  }

  // ------------------------------------------------------------ provider actions

  async subscribe(citizen: string, actor: Actor & { ura: string; organizationType: string }, dataCategories: string[] | undefined): Promise<ShardResult<{ created: boolean; subscription: Subscription }>> {
    const result = this.write(citizen, undefined, () => {
      const existing = this.sql.exec<{ id: string; ura: string; organization_type: string; data_categories: string; created_at: number }>("SELECT * FROM subscriptions WHERE citizen = ? AND ura = ?", citizen, actor.ura).toArray()[0];
      const toSub = (r: { id: string; ura: string; organization_type: string; data_categories: string; created_at: number }): Subscription => ({
        id: r.id, ura: r.ura, organizationType: r.organization_type, dataCategories: JSON.parse(r.data_categories) as string[], createdAt: new Date(r.created_at).toISOString(),
      });
      if (existing) return ok({ created: false, subscription: toSub(existing) });
      const row = { id: crypto.randomUUID(), ura: actor.ura, organization_type: actor.organizationType, data_categories: JSON.stringify(dataCategories ?? ALL_CATEGORIES), created_at: this.now() };
      this.sql.exec("INSERT INTO subscriptions (id, citizen, ura, organization_type, data_categories, created_at) VALUES (?, ?, ?, ?, ?, ?)", row.id, citizen, row.ura, row.organization_type, row.data_categories, row.created_at);
      this.log(citizen, actor, { action: "subscription", outcome: "subscribed", dataCategories: dataCategories ?? ALL_CATEGORIES });
      return ok({ created: true, subscription: toSub(row) });
    });
    return this.afterWrite(result);
  }

  async temporaryConsent(citizen: string, holder: Party, dataCategories: string[], reason: string, actor: Actor & { ura: string }, opts: WriteOptions = {}): Promise<ShardResult<{ items: Choice[]; validUntil: string }>> {
    const result = this.write(citizen, opts.idempotencyKey, () => {
      const now = this.now();
      const validUntil = now + TEMPORARY_MS;
      const [hk, hv] = partyColumns(holder);
      const items = dataCategories.map((dc) =>
        toChoice(
          this.insertVersion(citizen, {
            id: crypto.randomUUID(), version: 1, holder_kind: hk, holder_value: hv, requester_kind: "ura", requester_value: actor.ura, data_category: dc,
            decision: "permit", valid_until: validUntil, status: "active", temporary: 1, recorded_role: "provider", recorded_ura: actor.ura,
            recorded_org_type: actor.organizationType ?? null, channel: "provider", change: "created", created_at: now, at: now,
          }, reason),
        ),
      );
      this.notify(citizen, "temporary-consent", `Care provider ${actor.ura} recorded a 72-hour temporary consent in an acute situation (${dataCategories.join(", ")}).`, items[0]?.id ?? null);
      this.notifySubscribers(citizen, actor.ura);
      this.log(citizen, actor, { action: "temporary-consent", outcome: "recorded", dataCategories, emergency: true, holderUra: "ura" in holder ? holder.ura : null });
      return ok({ items, validUntil: new Date(validUntil).toISOString() });
    });
    return this.afterWrite(result);
  }

  // ------------------------------------------------------------ citizen reads

  notifications(citizen: string): Notification[] {
    return this.sql
      .exec<{ id: string; kind: Notification["kind"]; message: string; choice_id: string | null; created_at: number }>("SELECT id, kind, message, choice_id, created_at FROM notifications WHERE citizen = ? ORDER BY seq DESC LIMIT 200", citizen)
      .toArray()
      .map((r) => ({ id: r.id, kind: r.kind, message: r.message, choiceId: r.choice_id, createdAt: new Date(r.created_at).toISOString() }));
  }

  /** One page of the citizen's access log, newest first (./access-log.ts): at most `limit` entries with seq < `before`. */
  accessLog(citizen: string, page: { limit?: number; before?: number } = {}): AccessLogPage {
    return accessLogPage(this.sql, citizen, page);
  }

  /** The most access-log rows verification held at once in this isolate, and the batches read (operations and tests). */
  logReadStats(reset = false): { maxRowsHeld: number; batches: number } {
    const stats = logReadStats();
    if (reset) resetLogReadStats();
    return stats;
  }

  /** Verifies the citizen's whole chain, streamed in batches (./access-log.ts). */
  verifyLog(citizen: string): AccessLogVerification {
    return verifyAccessLog(this.sql, citizen);
  }

  // ------------------------------------------------------------ FHIR

  /** Choices for a FHIR read; a provider must hold an active permit as requester (logged either way). */
  fhirChoices(citizen: string, actor: Actor): ShardResult<Choice[]> {
    const choices = this.load(citizen);
    if (actor.role === "provider") {
      const now = this.now();
      const category = categoryOf(actor.organizationType ?? "") ?? "overig";
      let allowed = false;
      for (const c of choices.values()) {
        if (c.status === "active" && c.decision === "permit" && (c.validUntil === null || c.validUntil > now) && ("ura" in c.requester ? c.requester.ura === actor.ura : c.requester.category === category)) {
          allowed = true;
          break;
        }
      }
      this.log(citizen, actor, { action: "fhir-read", outcome: allowed ? "permit" : "deny" });
      if (!allowed) return fail("FORBIDDEN", "The patient has no active permit for your organisation");
    }
    return ok(Array.from(choices.values(), (c) => toChoice(c.row)));
  }

  // ------------------------------------------------------------ secondary use (EHDS Art. 71)

  secondaryUse(citizen: string): SecondaryUseState {
    const row = this.sql.exec<{ opt_out: number; opt_changed_at: number | null }>("SELECT opt_out, opt_changed_at FROM citizen_state WHERE citizen = ?", citizen).toArray()[0];
    return { optOut: row?.opt_out === 1, changedAt: row?.opt_changed_at ? new Date(row.opt_changed_at).toISOString() : null };
  }

  async setSecondaryUse(citizen: string, optOut: boolean, actor: Actor): Promise<ShardResult<SecondaryUseState>> {
    const result = this.write(citizen, undefined, () => {
      const before = this.secondaryUse(citizen);
      if (before.optOut === optOut && before.changedAt !== null) {
        this.log(citizen, actor, { action: "secondary-use-changed", outcome: "unchanged" });
        return ok(before);
      }
      const at = this.now();
      this.sql.exec(
        "INSERT INTO citizen_state (citizen, opt_out, opt_changed_at) VALUES (?, ?, ?) ON CONFLICT (citizen) DO UPDATE SET opt_out = excluded.opt_out, opt_changed_at = excluded.opt_changed_at",
        citizen, optOut ? 1 : 0, at,
      );
      this.enqueue({ kind: "secondary-use", eventId: crypto.randomUUID(), pseudonym: citizen, optOut, at });
      this.notify(citizen, "secondary-use-changed", optOut ? "You opted out of secondary use of your health data (EHDS)." : "You withdrew your opt-out of secondary use.", null);
      this.log(citizen, actor, { action: "secondary-use-changed", outcome: optOut ? "opted-out" : "opted-in" });
      return ok({ optOut, changedAt: new Date(at).toISOString() });
    });
    return this.afterWrite(result);
  }

  // ------------------------------------------------------------ development seed

  /**
   * Records many citizens' choices as the citizens themselves, exactly as `record` does (versions, notifications to
   * subscribers, one access-log entry per choice), in one transaction: all of them or none.
   */
  async recordMany(items: { citizen: string; choices: ChoiceInput[] }[]): Promise<number> {
    let n = 0;
    try {
      this.ctx.storage.transactionSync(() => {
        for (const { citizen, choices } of items) {
          for (const input of choices) {
            this.recordInWrite(citizen, input, { role: "citizen" }, {});
            n++;
          }
        }
      });
    } catch (err) {
      for (const { citizen } of items) {
        this.choices.drop(citizen);
        this.lastHash.delete(citizen);
      }
      throw err;
    }
    await this.afterWrite(ok(n));
    return n;
  }

  /** Seeds a demo citizen once (idempotent per citizen). */
  async seedCitizen(
    citizen: string,
    spec: { choices: { input: ChoiceInput; actor: Actor; pending?: boolean }[]; subscriptions: { ura: string; organizationType: string }[]; optOut?: boolean; checks: { holder: { ura: string; organizationType: string }; requester: { ura: string; organizationType: string; uziRole?: string }; dataCategories: string[] }[] },
  ): Promise<boolean> {
    const seeded = this.sql.exec<{ seeded: number }>("SELECT seeded FROM citizen_state WHERE citizen = ?", citizen).toArray()[0]?.seeded === 1;
    if (seeded) return false;
    this.sql.exec("INSERT INTO citizen_state (citizen, seeded) VALUES (?, 1) ON CONFLICT (citizen) DO UPDATE SET seeded = 1", citizen);
    for (const s of spec.subscriptions) await this.subscribe(citizen, { role: "provider", ...s }, undefined);
    for (const c of spec.choices) await this.record(citizen, c.input, c.actor, { pending: c.pending });
    if (spec.optOut) await this.setSecondaryUse(citizen, true, { role: "citizen" });
    for (const q of spec.checks) this.check(citizen, { ...q, purpose: "TREAT" });
    return true;
  }
}
