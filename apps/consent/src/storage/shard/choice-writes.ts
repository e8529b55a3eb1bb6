/** Recording, changing and withdrawing a choice (citizen, guardian or provider), each inside a write's transaction. */
import type { Choice, ChoiceInput, ChoiceResult } from "@regie/shared/contracts/consent";
import type { AccessLogWriter } from "../access-log";
import { parseValidUntil, partyColumns, toChoice, type ChoiceRow } from "../choice-rows";
import type { ChoiceVersions } from "./choices";
import type { GuardianConfirmations } from "./guardian-confirmation";
import type { CitizenNotifications } from "./notifications";
import { fail, ok, type Actor, type ShardResult, type WriteOptions } from "./result";
import type { Clock } from "./seams";
import type { Subscriptions } from "./subscriptions";

/** Who recorded a version, and through which channel. */
export function recordedBy(actor: Actor): Pick<ChoiceRow, "recorded_role" | "recorded_ura" | "recorded_org_type" | "channel"> {
  return {
    recorded_role: actor.role,
    recorded_ura: actor.ura ?? null,
    recorded_org_type: actor.organizationType ?? null,
    channel: actor.role === "provider" ? "provider" : "portal",
  };
}

/** The columns of a version that come from the input and the actor (not temporary: see ./temporary-consent.ts). */
function fromInput(input: ChoiceInput, actor: Actor) {
  const [holder_kind, holder_value] = partyColumns(input.holder);
  const [requester_kind, requester_value] = partyColumns(input.requester);
  return {
    holder_kind,
    holder_value,
    requester_kind,
    requester_value,
    data_category: input.dataCategory,
    decision: input.decision,
    valid_until: parseValidUntil(input.validUntil),
    temporary: 0,
    ...recordedBy(actor),
  };
}

export class ChoiceWrites {
  constructor(
    private readonly clock: () => Clock,
    private readonly versions: ChoiceVersions,
    private readonly confirmations: GuardianConfirmations,
    private readonly notifications: CitizenNotifications,
    private readonly subscriptions: Subscriptions,
    private readonly log: AccessLogWriter,
  ) {}

  record(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions): ShardResult<ChoiceResult> {
    const now = this.clock().now();
    const id = crypto.randomUUID();
    const status = opts.pending ? "pending" : "active";
    const row = this.versions.insert(citizen, { id, version: 1, ...fromInput(input, actor), status, change: "created", created_at: now, at: now });
    const out: ChoiceResult = toChoice(row);
    if (opts.pending) {
      out.confirmation = this.confirmations.open(citizen, row);
      this.notifications.add(
        citizen,
        "choice-pending-confirmation",
        "Your choice waits for a parent or guardian to confirm it with the confirmation code.",
        id,
      );
    } else {
      this.subscriptions.notifyChanged(citizen, actor.ura, [row]);
    }
    if (actor.role === "provider") {
      this.notifications.add(
        citizen,
        "choice-recorded-by-provider",
        `Care provider ${actor.ura} recorded a choice (${input.decision}, ${input.dataCategory}) on your behalf.`,
        id,
      );
    }
    this.log.log(citizen, actor, { action: "choice-recorded", outcome: status, dataCategories: [input.dataCategory] });
    return ok(out);
  }

  change(citizen: string, id: string, input: ChoiceInput, actor: Actor, opts: WriteOptions): ShardResult<ChoiceResult> {
    const cur = this.versions.of(citizen).get(id);
    if (!cur) return fail("NOT_FOUND", "No choice with this id");
    if (cur.row.status === "withdrawn") return fail("CONFLICT", "This choice was withdrawn; record a new one");
    const status = opts.pending ? "pending" : "active";
    const row = this.versions.insert(citizen, {
      id,
      version: cur.row.version + 1,
      ...fromInput(input, actor),
      status,
      change: "changed",
      created_at: cur.row.created_at,
      at: this.clock().now(),
    });
    const out: ChoiceResult = toChoice(row);
    this.confirmations.close(id);
    if (opts.pending) out.confirmation = this.confirmations.open(citizen, row);
    // a pending new version takes the old one out of force: for a holder that is a change too (inactive until confirmed)
    this.subscriptions.notifyChanged(citizen, actor.ura, [row]);
    this.log.log(citizen, actor, { action: "choice-changed", outcome: status, dataCategories: [input.dataCategory] });
    return ok(out);
  }

  withdraw(citizen: string, id: string, actor: Actor): ShardResult<Choice> {
    const cur = this.versions.of(citizen).get(id);
    if (!cur) return fail("NOT_FOUND", "No choice with this id");
    if (cur.row.status === "withdrawn") return ok(toChoice(cur.row));
    const row = this.versions.insert(citizen, {
      ...cur.row,
      version: cur.row.version + 1,
      status: "withdrawn",
      change: "withdrawn",
      ...recordedBy(actor),
      at: this.clock().now(),
    });
    this.confirmations.close(id);
    this.subscriptions.notifyChanged(citizen, undefined, [row]);
    this.log.log(citizen, actor, { action: "choice-withdrawn", outcome: "withdrawn", dataCategories: [row.data_category] });
    return ok(toChoice(row));
  }
}
