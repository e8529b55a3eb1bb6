/** The citizen's own notifications (a choice recorded for them, waiting for a guardian, confirmed, …). */
import type { Notification } from "@regie/shared/contracts/consent";
import type { Clock } from "./seams";

export class CitizenNotifications {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
  ) {}

  add(citizen: string, kind: Notification["kind"], message: string, choiceId: string | null): void {
    this.sql.exec(
      "INSERT INTO notifications (id, citizen, kind, message, choice_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      crypto.randomUUID(),
      citizen,
      kind,
      message,
      choiceId,
      this.clock().now(),
    );
  }

  /** The newest 200, newest first. */
  list(citizen: string): Notification[] {
    return this.sql
      .exec<{ id: string; kind: Notification["kind"]; message: string; choice_id: string | null; created_at: number }>(
        "SELECT id, kind, message, choice_id, created_at FROM notifications WHERE citizen = ? ORDER BY seq DESC LIMIT 200",
        citizen,
      )
      .toArray()
      .map((r) => ({ id: r.id, kind: r.kind, message: r.message, choiceId: r.choice_id, createdAt: new Date(r.created_at).toISOString() }));
  }
}
