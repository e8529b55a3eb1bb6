/**
 * The citizen's opt-out of secondary use of their health data (EHDS Art. 71), kept in `citizen_state` and delivered
 * to D1's opt-out list through the outbox (the HDAB's cohort filter reads it there).
 */
import type { SecondaryUseState } from "@regie/shared/contracts/consent";
import type { AccessLogWriter } from "../access-log";
import type { CitizenNotifications } from "./notifications";
import type { Outbox } from "./outbox";
import { ok, type Actor, type ShardResult } from "./result";
import type { Clock } from "./seams";

export class SecondaryUseOptOut {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
    private readonly outbox: Outbox,
    private readonly notifications: CitizenNotifications,
    private readonly log: AccessLogWriter,
  ) {}

  state(citizen: string): SecondaryUseState {
    const row = this.sql
      .exec<{ opt_out: number; opt_changed_at: number | null }>("SELECT opt_out, opt_changed_at FROM citizen_state WHERE citizen = ?", citizen)
      .toArray()[0];
    return { optOut: row?.opt_out === 1, changedAt: row?.opt_changed_at ? new Date(row.opt_changed_at).toISOString() : null };
  }

  /** Inside a write: sets the opt-out (logged even when unchanged). */
  set(citizen: string, optOut: boolean, actor: Actor): ShardResult<SecondaryUseState> {
    const before = this.state(citizen);
    if (before.optOut === optOut && before.changedAt !== null) {
      this.log.log(citizen, actor, { action: "secondary-use-changed", outcome: "unchanged" });
      return ok(before);
    }
    const at = this.clock().now();
    this.sql.exec(
      "INSERT INTO citizen_state (citizen, opt_out, opt_changed_at) VALUES (?, ?, ?) ON CONFLICT (citizen) DO UPDATE SET opt_out = excluded.opt_out, opt_changed_at = excluded.opt_changed_at",
      citizen,
      optOut ? 1 : 0,
      at,
    );
    this.outbox.enqueue({ kind: "secondary-use", eventId: crypto.randomUUID(), pseudonym: citizen, optOut, at });
    this.notifications.add(
      citizen,
      "secondary-use-changed",
      optOut ? "You opted out of secondary use of your health data (EHDS)." : "You withdrew your opt-out of secondary use.",
      null,
    );
    this.log.log(citizen, actor, { action: "secondary-use-changed", outcome: optOut ? "opted-out" : "opted-in" });
    return ok({ optOut, changedAt: new Date(at).toISOString() });
  }
}
