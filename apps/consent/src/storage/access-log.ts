/**
 * Reading a citizen's hash-chained access log (NEN 7513) without holding all of it: pages for the citizen
 * (newest first, keyset on seq) and verification that streams the chain in batches, keeping only the previous hash;
 * and writing an entry (`AccessLogWriter`), inside the transaction of the operation it records.
 */
import { LruMap } from "@regie/shared";
import { ACCESS_LOG_PAGE_DEFAULT, ACCESS_LOG_PAGE_MAX, type AccessLogEntry, type AccessLogVerification } from "@regie/shared/contracts/consent";
import { entryHash, GENESIS_HASH, type ChainedEntry, type LogContent } from "../log/chain";
import type { Clock } from "./shard/seams";
import type { Actor } from "./shard/result";

/** What an operation logs about itself; the actor, time, event id and chain links are added by the writer. */
export interface LogEvent {
  action: string;
  outcome: string;
  holderUra?: string | null;
  purpose?: string | null;
  dataCategories?: string[];
  /** a 72-hour temporary consent was recorded or decided the answer (the API also calls it `temporaryConsent`) */
  emergency?: boolean;
  /** break-the-glass: the provider declared an emergency without consent, with its reason */
  breakTheGlass?: { reason: string } | null;
  eventId?: string;
  /** the organisation the actor acted for (a holder asking for the requester) */
  onBehalfOf?: { ura: string; organizationType: string } | null;
  /** the care professional (NEN 7513 user) */
  professional?: { uziNumber: string; role: string; mandatedBy?: { uziNumber: string } } | null;
}

/**
 * Appends entries to the citizens' hash chains. The last hash per citizen is kept in a bounded LRU (read back from
 * SQLite when absent); `forget` drops it after a rolled-back write.
 */
export class AccessLogWriter {
  private readonly lastHash: LruMap<string, string>;
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
    capacity: number,
  ) {
    this.lastHash = new LruMap(capacity);
  }

  log(citizen: string, actor: Actor, e: LogEvent): void {
    const content: LogContent = {
      citizen,
      eventId: e.eventId ?? crypto.randomUUID(),
      action: e.action,
      at: new Date(this.clock().now()).toISOString(),
      outcome: e.outcome,
      actorRole: actor.role,
      actorUra: actor.ura ?? null,
      actorOrgType: actor.organizationType ?? null,
      actorUziRole: actor.uziRole ?? null,
      holderUra: e.holderUra ?? null,
      purpose: e.purpose ?? null,
      dataCategories: e.dataCategories ?? [],
      emergency: e.emergency ?? false,
      onBehalfOfUra: e.onBehalfOf?.ura ?? null,
      onBehalfOfOrgType: e.onBehalfOf?.organizationType ?? null,
      professionalUzi: e.professional?.uziNumber ?? null,
      professionalRole: e.professional?.role ?? null,
      mandatedByUzi: e.professional?.mandatedBy?.uziNumber ?? null,
      ...(e.breakTheGlass ? { breakTheGlass: true, emergencyReason: e.breakTheGlass.reason } : {}),
    };
    const prev = this.prevHash(citizen);
    const hash = entryHash(prev, content);
    this.sql.exec(
      `INSERT INTO access_log (citizen, event_id, action, at, outcome, actor_role, actor_ura, actor_org_type, actor_uzi_role, holder_ura, purpose, data_categories, emergency,
         on_behalf_ura, on_behalf_org_type, professional_uzi, professional_role, mandated_by_uzi, break_the_glass, emergency_reason, prev_hash, hash)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      citizen,
      content.eventId,
      content.action,
      content.at,
      content.outcome,
      content.actorRole,
      content.actorUra,
      content.actorOrgType,
      content.actorUziRole,
      content.holderUra,
      content.purpose,
      JSON.stringify(content.dataCategories),
      content.emergency ? 1 : 0,
      content.onBehalfOfUra,
      content.onBehalfOfOrgType,
      content.professionalUzi,
      content.professionalRole,
      content.mandatedByUzi,
      content.breakTheGlass ? 1 : 0,
      content.emergencyReason ?? null,
      prev,
      hash,
    );
    this.lastHash.set(citizen, hash);
  }

  forget(citizen: string): void {
    this.lastHash.delete(citizen);
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
}

/** Rows read (and held) at a time while verifying a chain. */
export const VERIFY_BATCH_ROWS = 1000;

/**
 * What verification held at once, for tests and operations: the most rows of one batch, since this module was
 * loaded (or `resetLogReadStats`). Counted from the batches actually read, not configured.
 */
const stats = { maxRowsHeld: 0, batches: 0 };
export function logReadStats(): { maxRowsHeld: number; batches: number } {
  return { ...stats };
}
export function resetLogReadStats(): void {
  stats.maxRowsHeld = 0;
  stats.batches = 0;
}

function toEntry(r: Record<string, SqlStorageValue>): ChainedEntry {
  return {
    seq: r.seq as number,
    citizen: r.citizen as string,
    eventId: r.event_id as string,
    action: r.action as string,
    at: r.at as string,
    outcome: r.outcome as string,
    actorRole: r.actor_role as string,
    actorUra: r.actor_ura as string | null,
    actorOrgType: r.actor_org_type as string | null,
    actorUziRole: r.actor_uzi_role as string | null,
    holderUra: r.holder_ura as string | null,
    purpose: r.purpose as string | null,
    dataCategories: JSON.parse(r.data_categories as string) as string[],
    emergency: r.emergency === 1,
    prevHash: r.prev_hash as string,
    hash: r.hash as string,
    onBehalfOfUra: (r.on_behalf_ura ?? null) as string | null,
    onBehalfOfOrgType: (r.on_behalf_org_type ?? null) as string | null,
    professionalUzi: (r.professional_uzi ?? null) as string | null,
    professionalRole: (r.professional_role ?? null) as string | null,
    mandatedByUzi: (r.mandated_by_uzi ?? null) as string | null,
    ...(r.break_the_glass === 1 ? { breakTheGlass: true, emergencyReason: (r.emergency_reason ?? null) as string | null } : {}),
  };
}

export interface AccessLogPage {
  items: AccessLogEntry[];
  /** `before` for the next (older) page; null on the last page */
  next: number | null;
}

/** Which entries a page holds: only those a given organisation caused (its URA as actor), and only these actions. */
export interface AccessLogFilter {
  actorUra?: string;
  actions?: readonly string[];
}

/**
 * One page of the citizen's log, newest first: entries with seq < `before` (all when absent), at most `limit`
 * (at most ACCESS_LOG_PAGE_MAX), optionally filtered (a provider's own questions for its AuditEvent view).
 */
export function accessLogPage(sql: SqlStorage, citizen: string, opts: { limit?: number; before?: number } & AccessLogFilter = {}): AccessLogPage {
  const limit = Math.max(1, Math.min(ACCESS_LOG_PAGE_MAX, Math.floor(opts.limit ?? ACCESS_LOG_PAGE_DEFAULT)));
  const before = opts.before ?? Number.MAX_SAFE_INTEGER;
  const where = ["citizen = ?", "seq < ?"];
  const params: SqlStorageValue[] = [citizen, before];
  if (opts.actorUra !== undefined) {
    where.push("actor_ura = ?");
    params.push(opts.actorUra);
  }
  if (opts.actions !== undefined) {
    where.push("action IN (SELECT value FROM json_each(?))");
    params.push(JSON.stringify(opts.actions));
  }
  // one row more than asked: whether an older page exists, without counting
  const rows = sql
    .exec<Record<string, SqlStorageValue>>(`SELECT * FROM access_log WHERE ${where.join(" AND ")} ORDER BY seq DESC LIMIT ?`, ...params, limit + 1)
    .toArray();
  const more = rows.length > limit;
  const items = rows.slice(0, limit).map((r) => toApiEntry(toEntry(r)));
  return { items, next: more ? items[items.length - 1]!.seq : null };
}

/** The API form of a stored entry; `emergency` keeps its old meaning (temporary consent), `temporaryConsent` says so by name. */
function toApiEntry(e: ChainedEntry): AccessLogEntry {
  return {
    seq: e.seq,
    eventId: e.eventId,
    action: e.action as AccessLogEntry["action"],
    at: e.at,
    outcome: e.outcome,
    actor: { role: e.actorRole, ura: e.actorUra, organizationType: e.actorOrgType, uziRole: e.actorUziRole },
    onBehalfOf: e.onBehalfOfUra ? { ura: e.onBehalfOfUra, organizationType: e.onBehalfOfOrgType ?? null } : null,
    professional: e.professionalUzi ? { uziNumber: e.professionalUzi, role: e.professionalRole ?? null, mandatedBy: e.mandatedByUzi ?? null } : null,
    holderUra: e.holderUra,
    purpose: e.purpose,
    dataCategories: e.dataCategories,
    emergency: e.emergency,
    temporaryConsent: e.emergency,
    breakTheGlass: e.breakTheGlass === true,
    emergencyReason: e.emergencyReason ?? null,
    hash: e.hash,
    prevHash: e.prevHash,
  };
}

/**
 * Verifies the citizen's whole chain, oldest first, reading VERIFY_BATCH_ROWS rows at a time (keyset on seq) and
 * keeping only the previous hash between batches. `entries` counts every entry; `firstInvalidSeq` is the first that
 * does not verify (its content or its link to the previous entry was changed, or an entry before it was removed).
 */
export function verifyAccessLog(sql: SqlStorage, citizen: string, batchRows = VERIFY_BATCH_ROWS): AccessLogVerification {
  let prev = GENESIS_HASH;
  let after = -1;
  let entries = 0;
  let firstInvalidSeq: number | null = null;
  for (;;) {
    const rows = sql
      .exec<Record<string, SqlStorageValue>>("SELECT * FROM access_log WHERE citizen = ? AND seq > ? ORDER BY seq LIMIT ?", citizen, after, batchRows)
      .toArray();
    stats.batches++;
    stats.maxRowsHeld = Math.max(stats.maxRowsHeld, rows.length);
    for (const r of rows) {
      entries++;
      const e = toEntry(r);
      if (e.prevHash !== prev || entryHash(prev, e) !== e.hash) {
        firstInvalidSeq = e.seq;
        break;
      }
      prev = e.hash;
    }
    if (firstInvalidSeq !== null) {
      // `entries` counts the whole chain (as verifyChain does): the rest is counted, not read
      entries += sql.exec<{ n: number }>("SELECT count(*) AS n FROM access_log WHERE citizen = ? AND seq > ?", citizen, firstInvalidSeq).one().n;
      break;
    }
    if (rows.length < batchRows) break;
    after = rows[rows.length - 1]!.seq as number;
  }
  return { valid: firstInvalidSeq === null, entries, firstInvalidSeq };
}
