/**
 * Guardian confirmation of a minor's choice (Mitz's koppelcode). A choice a child of 12 to 16 records or changes (or a
 * provider records for a patient under 16) is `pending` until a parent or guardian confirms it with a one-time code:
 * valid 30 days, at most MAX_CODE_ATTEMPTS wrong tries (then void), only its hash stored in `pending_confirmations`.
 * Until then it does not count (fail closed). The 8-character code has 32^8 ≈ 10^12 values, so 5 guesses succeed
 * with a chance of about 5 in 10^12.
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

export const CONFIRMATION_MS = 30 * 24 * 3600 * 1000;
/** Wrong codes allowed per pending choice; the next attempt after them answers 410 and the code no longer works. */
export const MAX_CODE_ATTEMPTS = 5;

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
    this.sql.exec(
      "INSERT INTO pending_confirmations (choice_id, version, citizen, code_hash, expires_at) VALUES (?, ?, ?, ?, ?)",
      row.id,
      row.version,
      citizen,
      codeHash(row.id, code),
      expiresAt,
    );
    return { code, expiresAt: new Date(expiresAt).toISOString() };
  }

  /** Inside a write: the choice changed or was withdrawn, so an open code no longer applies. */
  close(choiceId: string): void {
    this.sql.exec("DELETE FROM pending_confirmations WHERE choice_id = ?", choiceId);
  }

  /** Inside a write: a guardian confirms with the code. A wrong code is logged (and committed) but changes nothing. */
  confirm(citizen: string, id: string, code: string, actor: Actor): ShardResult<Choice> {
    const cur = this.versions.of(citizen).get(id);
    const pending = this.sql
      .exec<{ version: number; code_hash: string; expires_at: number; attempts: number }>(
        "SELECT version, code_hash, expires_at, attempts FROM pending_confirmations WHERE choice_id = ? AND citizen = ?",
        id,
        citizen,
      )
      .toArray()[0];
    if (!cur || !pending || cur.row.status !== "pending") return fail("NOT_FOUND", "No pending choice with this id");
    if (pending.expires_at <= this.clock().now()) return fail("GONE", "The confirmation code has expired; the child records the choice again");
    if (pending.attempts >= MAX_CODE_ATTEMPTS)
      return fail("GONE", `${MAX_CODE_ATTEMPTS} wrong codes: this code no longer works; the child records the choice again`);
    if (codeHash(id, code.trim().toUpperCase()) !== pending.code_hash) {
      this.sql.exec("UPDATE pending_confirmations SET attempts = attempts + 1 WHERE choice_id = ?", id);
      const left = MAX_CODE_ATTEMPTS - pending.attempts - 1;
      this.log.log(citizen, actor, { action: "choice-confirmed", outcome: "rejected: wrong code", dataCategories: [cur.row.data_category] });
      return fail(
        "UNPROCESSABLE",
        left > 0 ? `The confirmation code does not match (${left} attempt(s) left)` : "The confirmation code does not match; it no longer works now",
      );
    }
    const row = this.versions.insert(citizen, { ...cur.row, version: cur.row.version + 1, status: "active", change: "confirmed", at: this.clock().now() });
    this.close(id);
    this.notifications.add(citizen, "choice-confirmed", "A parent or guardian confirmed your choice; it counts now.", id);
    this.subscriptions.notifyChanged(citizen, undefined, [row]);
    this.log.log(citizen, actor, { action: "choice-confirmed", outcome: "active", dataCategories: [row.data_category] });
    return ok(toChoice(row));
  }
}
