/**
 * Guardian confirmation of a minor's choice. A choice a child under 16 records or changes (or a provider records for
 * them) is `pending` until a parent or guardian confirms it with a one-time code (valid 30 days; only its hash is
 * stored in `pending_confirmations`). Until then it does not count (fail closed).
 */
import type { Choice } from "@regie/shared/contracts/consent";
import { sha256Hex } from "../../log/sha256";
import type { AccessLogWriter } from "../access-log";
import { toChoice, type ChoiceRow } from "../choice-rows";
import type { ChoiceVersions } from "./choices";
import type { CitizenNotifications } from "./notifications";
import { fail, ok, type Actor, type ShardResult } from "./result";
import type { Clock } from "./seams";
import type { Subscriptions } from "./subscriptions";

const CONFIRMATION_MS = 30 * 24 * 3600 * 1000;

function confirmationCode(): string {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  let out = "";
  for (const b of bytes) out += alphabet[b % alphabet.length];
  return out;
}

const codeHash = (choiceId: string, code: string) => sha256Hex(choiceId + ":" + code);

export class GuardianConfirmations {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
    private readonly versions: ChoiceVersions,
    private readonly notifications: CitizenNotifications,
    private readonly subscriptions: Subscriptions,
    private readonly log: AccessLogWriter,
  ) {}

  /** Inside a write: a pending version waits for a guardian; returns the code (shown once, to the child or provider). */
  open(citizen: string, row: ChoiceRow): { code: string; expiresAt: string } {
    const code = confirmationCode();
    const expiresAt = this.clock().now() + CONFIRMATION_MS;
    this.sql.exec("INSERT INTO pending_confirmations (choice_id, version, citizen, code_hash, expires_at) VALUES (?, ?, ?, ?, ?)", row.id, row.version, citizen, codeHash(row.id, code), expiresAt);
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Inside a write: the choice changed or was withdrawn, so an open code no longer applies. */
  close(choiceId: string): void {
    this.sql.exec("DELETE FROM pending_confirmations WHERE choice_id = ?", choiceId);
  }

  /** Inside a write: a guardian confirms with the code. A wrong code is logged (and committed) but changes nothing. */
  confirm(citizen: string, id: string, code: string, actor: Actor): ShardResult<Choice> {
    const cur = this.versions.of(citizen).get(id);
    const pending = this.sql.exec<{ version: number; code_hash: string; expires_at: number }>("SELECT version, code_hash, expires_at FROM pending_confirmations WHERE choice_id = ? AND citizen = ?", id, citizen).toArray()[0];
    if (!cur || !pending || cur.row.status !== "pending") return fail("NOT_FOUND", "No pending choice with this id");
    if (pending.expires_at <= this.clock().now()) return fail("GONE", "The confirmation code has expired; record the choice again");
    if (codeHash(id, code.trim().toUpperCase()) !== pending.code_hash) {
      this.log.log(citizen, actor, { action: "choice-confirmed", outcome: "rejected: wrong code", dataCategories: [cur.row.data_category] });
      return fail("UNPROCESSABLE", "The confirmation code does not match");
    }
    const row = this.versions.insert(citizen, { ...cur.row, version: cur.row.version + 1, status: "active", change: "confirmed", at: this.clock().now() });
    this.close(id);
    this.notifications.add(citizen, "choice-confirmed", "A parent or guardian confirmed your choice; it counts now.", id);
    this.subscriptions.notifyChanged(citizen, undefined, [row]);
    this.log.log(citizen, actor, { action: "choice-confirmed", outcome: "active", dataCategories: [row.data_category] });
    return ok(toChoice(row));
  }
}
