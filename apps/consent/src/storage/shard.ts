/**
 * A shard of citizens: the `ConsentShard` Durable Object (SQLite-backed). This class is the RPC facade only: each job
 * lives in its own module under ./shard/ (guardian-confirmation.ts, temporary-consent.ts, subscriptions.ts,
 * secondary-use.ts, provider-questions.ts, fhir-read.ts, choices.ts, choice-writes.ts, outbox.ts, writes.ts,
 * migrations.ts, seams.ts, …; the map is in docs/consent.md, "Inside a shard object"). Each citizen's current choices
 * are kept in memory after first use; every write runs in one synchronous transaction (./shard/writes.ts).
 */
import { DurableObject } from "cloudflare:workers";
import { capacityFrom, shardOf } from "@regie/shared";
import type { AccessLogVerification, ChoiceInput, Party } from "@regie/shared/contracts/consent";
import * as seed from "../dev/seed";
import type { DemoSpec } from "../dev/demo-data";
import type { Bindings } from "../env";
import { AccessLogWriter, accessLogPage, logReadStats, resetLogReadStats, verifyAccessLog, type AccessLogFilter, type AccessLogPage } from "./access-log";
import { ChoiceCache, type ChoiceCacheStats } from "./choice-cache";
import { checkPlacement, SHARD_COUNT_REFUSED, type Placement } from "./shard-count";
import { ChoiceVersions } from "./shard/choices";
import { ChoiceWrites } from "./shard/choice-writes";
import { FhirConsentRead } from "./shard/fhir-read";
import { FhirWrites, type ImportItem } from "./shard/fhir-writes";
import { GuardianConfirmations } from "./shard/guardian-confirmation";
import { IdempotencyKeys } from "./shard/idempotency";
import { migrate } from "./shard/migrations";
import { CitizenNotifications } from "./shard/notifications";
import { checkCall, type ShardOperation } from "./shard/operations";
import { Outbox } from "./shard/outbox";
import { ProviderQuestions, type CheckQuestion, type Requester } from "./shard/provider-questions";
import { ok, type Actor, type ProviderActor, type ShardResult, type WriteOptions } from "./shard/result";
import { SecondaryUseOptOut } from "./shard/secondary-use";
import { ProvenanceStore, type ProvenanceInput } from "./shard/provenance";
import { productionSeams, type ShardSeams } from "./shard/seams";
import { Subscriptions, type SubscribeOptions } from "./shard/subscriptions";
import { TemporaryConsent } from "./shard/temporary-consent";
import { Writes } from "./shard/writes";

export type { Actor, ShardResult, WriteOptions } from "./shard/result";
export { SHARD_OPERATIONS, type ShardOperation } from "./shard/operations";

/** Citizens whose choices one shard object keeps in memory (see docs/consent.md, "Memory"). */
const DEFAULT_CACHE_CITIZENS = 1000;

export class ConsentShard extends DurableObject<Bindings> {
  /**
   * The injected dependencies (./shard/seams.ts): clock, D1, fault seam, migrations. Production: `productionSeams`.
   * Tests replace one on a live object through runInDurableObject (test/shard-seams.ts). Not reachable over RPC.
   */
  readonly seams: ShardSeams;
  private readonly sql: SqlStorage;
  private readonly choices: ChoiceCache;
  private readonly log: AccessLogWriter;
  private readonly versions: ChoiceVersions;
  private readonly writes: Writes;
  private readonly outbox: Outbox;
  private readonly notes: CitizenNotifications;
  private readonly subscriptions: Subscriptions;
  private readonly confirmations: GuardianConfirmations;
  private readonly choiceWrites: ChoiceWrites;
  private readonly temporary: TemporaryConsent;
  private readonly optOut: SecondaryUseOptOut;
  private readonly questions: ProviderQuestions;
  private readonly fhir: FhirConsentRead;
  private readonly fhirWrites: FhirWrites;
  /** The schema versions this construction applied (./shard/migrations.ts); no call is served before it settles. */
  readonly migrated: Promise<number[]>;
  /** `shard/of` of the placement this object confirmed against its own record (./shard-count.ts). */
  private confirmedPlacement: string | null = null;

  /** The runtime passes (ctx, env); `seams` is for tests that construct an object over existing storage. */
  constructor(ctx: DurableObjectState, env: Bindings, seams: Partial<ShardSeams> = {}) {
    super(ctx, env);
    this.seams = { ...productionSeams(env), ...seams };
    const migrations = this.seams.migrations;
    this.migrated = ctx.blockConcurrencyWhile(async () => migrate(ctx.storage, migrations));
    const capacity = capacityFrom(env.CHOICE_CACHE_CITIZENS, DEFAULT_CACHE_CITIZENS);
    const sql = (this.sql = ctx.storage.sql);
    const clock = () => this.seams.clock;
    this.choices = new ChoiceCache(sql, { citizens: capacity });
    this.log = new AccessLogWriter(sql, clock, capacity);
    this.versions = new ChoiceVersions(sql, this.choices);
    this.writes = new Writes(ctx.storage, this.seams, { choices: this.choices, log: this.log }, new IdempotencyKeys(sql));
    this.outbox = new Outbox(ctx.storage, this.seams);
    this.notes = new CitizenNotifications(sql, clock);
    this.subscriptions = new Subscriptions(sql, clock, this.outbox, this.log);
    this.confirmations = new GuardianConfirmations(sql, clock, this.versions, this.notes, this.subscriptions, this.log);
    this.choiceWrites = new ChoiceWrites(clock, this.versions, this.confirmations, this.notes, this.subscriptions, this.log);
    this.temporary = new TemporaryConsent(clock, this.versions, this.notes, this.subscriptions, this.log);
    this.optOut = new SecondaryUseOptOut(sql, clock, this.outbox, this.notes, this.log);
    this.questions = new ProviderQuestions(clock, this.versions, this.subscriptions, this.log, this.notes);
    this.fhir = new FhirConsentRead(clock, this.versions, this.log);
    this.fhirWrites = new FhirWrites(this.versions, this.choiceWrites, new ProvenanceStore(sql, clock), this.notes, this.log);
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
    checkCall(placement, op, args);
    return (this[op] as (...a: unknown[]) => unknown)(...args);
  }

  /** A write (./shard/writes.ts), then delivery of what it put in the outbox. */
  private async commit<T>(citizen: string, idempotencyKey: string | undefined, fn: () => ShardResult<T>): Promise<ShardResult<T>> {
    const result = this.writes.run(citizen, idempotencyKey, fn);
    await this.outbox.flushIfPending();
    return result;
  }

  // ------------------------------------------------------------ operations and tests (not through `run`)

  /** An empty call: the cost of the round trip to this object alone (GET /dev/shard-ping, benchmarks). */
  ping(): true {
    return true;
  }

  /** How many citizens (and estimated bytes) this object holds in memory, and how many it may. */
  cacheStats(): ChoiceCacheStats {
    return this.choices.stats();
  }

  /** Number of undelivered outbox rows. */
  outboxSize(): number {
    return this.outbox.size();
  }

  /** Pushes pending outbox rows to D1; on failure keeps them and retries from an alarm. True when empty. */
  flushOutbox(): Promise<boolean> {
    return this.outbox.flush();
  }

  override async alarm(): Promise<void> {
    await this.outbox.flush();
  }

  /** The most access-log rows verification held at once in this isolate, and the batches read. */
  logReadStats(reset = false): { maxRowsHeld: number; batches: number } {
    const stats = logReadStats();
    if (reset) resetLogReadStats();
    return stats;
  }

  // ------------------------------------------------------------ provider questions

  /** The closed question; a declared emergency (break-the-glass) also notifies the citizen, so it runs as a write. */
  check(citizen: string, q: CheckQuestion) {
    if (!q.breakTheGlass) return this.questions.check(citizen, q);
    const r = this.writes.run(citizen, undefined, () => ok(this.questions.check(citizen, q)));
    return r.ok ? r.value : [];
  }

  locate(citizen: string, requester: Requester, purpose: CheckQuestion["purpose"], dataCategories: string[] | undefined) {
    return this.questions.locate(citizen, requester, purpose, dataCategories);
  }

  // ------------------------------------------------------------ choices

  listChoices(citizen: string) {
    return this.versions.list(citizen);
  }

  history(citizen: string, page: { limit?: number; after?: number } = {}) {
    return this.versions.history(citizen, page);
  }

  record(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions = {}) {
    return this.commit(citizen, opts.idempotencyKey, () => this.choiceWrites.record(citizen, input, actor, opts));
  }

  change(citizen: string, id: string, input: ChoiceInput, actor: Actor, opts: WriteOptions = {}) {
    return this.commit(citizen, undefined, () => this.choiceWrites.change(citizen, id, input, actor, opts));
  }

  withdraw(citizen: string, id: string, actor: Actor) {
    return this.commit(citizen, undefined, () => this.choiceWrites.withdraw(citizen, id, actor));
  }

  /** A guardian confirms a minor's pending choice (./shard/guardian-confirmation.ts); a wrong code is logged too. */
  confirm(citizen: string, id: string, code: string, actor: Actor) {
    return this.commit(citizen, undefined, () => this.confirmations.confirm(citizen, id, code, actor));
  }

  pendingCount(citizen: string): number {
    return this.versions.pendingCount(citizen);
  }

  // ------------------------------------------------------------ provider actions

  subscribe(citizen: string, actor: ProviderActor, opts: SubscribeOptions) {
    return this.commit(citizen, undefined, () => this.subscriptions.subscribe(citizen, actor, opts));
  }

  unsubscribe(citizen: string, id: string, actor: ProviderActor) {
    return this.commit(citizen, undefined, () => this.subscriptions.unsubscribe(citizen, id, actor));
  }

  temporaryConsent(citizen: string, holder: Party, dataCategories: string[], reason: string, actor: Actor & { ura: string }, opts: WriteOptions = {}) {
    return this.commit(citizen, opts.idempotencyKey, () => this.temporary.record(citizen, holder, dataCategories, reason, actor));
  }

  // ------------------------------------------------------------ citizen reads

  notifications(citizen: string) {
    return this.notes.list(citizen);
  }

  /** One page of the citizen's access log, newest first (./access-log.ts): at most `limit` entries with seq < `before`, optionally filtered. */
  accessLog(citizen: string, page: { limit?: number; before?: number } & AccessLogFilter = {}): AccessLogPage {
    return accessLogPage(this.sql, citizen, page);
  }

  /** Verifies the citizen's whole chain, streamed in batches (./access-log.ts). */
  verifyLog(citizen: string): AccessLogVerification {
    return verifyAccessLog(this.sql, citizen);
  }

  /** Choices for a FHIR read; a provider needs a permit by ../decision/fhir-read.ts (logged either way). */
  fhirChoices(citizen: string, actor: Actor) {
    return this.fhir.read(citizen, actor);
  }

  // ------------------------------------------------------------ FHIR writes (IHE PCF) and migration: ./shard/fhir-writes.ts
  fhirRecord(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions, p: ProvenanceInput) {
    return this.commit(citizen, opts.idempotencyKey, () => this.fhirWrites.record(citizen, input, actor, opts, p));
  }
  fhirUpdate(citizen: string, id: string, asked: ChoiceInput, status: "active" | "inactive", actor: ProviderActor, p: ProvenanceInput) {
    return this.commit(citizen, undefined, () => this.fhirWrites.update(citizen, id, asked, status, actor, p));
  }
  /** One patient's migrated choices in one transaction: all or nothing, idempotent on each choice's source key. */
  fhirImport(citizen: string, items: ImportItem[], actor: Actor, opts: WriteOptions = {}) {
    return this.commit(citizen, undefined, () => this.fhirWrites.import(citizen, items, actor, opts));
  }
  provenance(citizen: string, id: string, actor: Actor) {
    return this.fhirWrites.provenanceOf(citizen, id, actor);
  }

  // ------------------------------------------------------------ secondary use (EHDS Art. 71)

  secondaryUse(citizen: string) {
    return this.optOut.state(citizen);
  }

  setSecondaryUse(citizen: string, optOut: boolean, actor: Actor) {
    return this.commit(citizen, undefined, () => this.optOut.set(citizen, optOut, actor));
  }

  // ------------------------------------------------------------ development seed (../dev/seed.ts)

  recordMany(items: { citizen: string; choices: ChoiceInput[] }[]): Promise<number> {
    return seed.recordMany({ writes: this.writes, choiceWrites: this.choiceWrites, outbox: this.outbox }, items);
  }

  seedCitizen(citizen: string, spec: DemoSpec, patientSealed: string | null = null): Promise<boolean> {
    return seed.seedCitizen(this, this.sql, citizen, spec, patientSealed);
  }
}
