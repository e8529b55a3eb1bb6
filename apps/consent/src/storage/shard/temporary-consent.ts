/**
 * Temporary consent (Mitz 72-uursregeling), given by the patient on the spot to a provider who is not the usual one (e.g. a
 * huisartsenpost): that provider records a 72-hour permit for itself as requester, per data category. It answers purpose
 * TREAT only, and is flagged in the log (`temporaryConsent`, formerly only `emergency`) and in every check it decides.
 * It is a consent: emergency access without one (break-the-glass) is a different event (../../decision/break-the-glass.ts).
 */
import type { Choice, Party } from "@regie/shared/contracts/consent";
import type { AccessLogWriter } from "../access-log";
import { partyColumns, toChoice } from "../choice-rows";
import type { ChoiceVersions } from "./choices";
import type { CitizenNotifications } from "./notifications";
import { ok, type Actor, type ShardResult } from "./result";
import type { Clock } from "./seams";
import type { Subscriptions } from "./subscriptions";

export const TEMPORARY_MS = 72 * 3600 * 1000;

export class TemporaryConsent {
  constructor(
    private readonly clock: () => Clock,
    private readonly versions: ChoiceVersions,
    private readonly notifications: CitizenNotifications,
    private readonly subscriptions: Subscriptions,
    private readonly log: AccessLogWriter,
  ) {}

  /** Inside a write: one temporary permit per data category, valid 72 hours from now. */
  record(
    citizen: string,
    holder: Party,
    dataCategories: string[],
    reason: string,
    actor: Actor & { ura: string },
  ): ShardResult<{ items: Choice[]; validUntil: string }> {
    const now = this.clock().now();
    const validUntil = now + TEMPORARY_MS;
    const [hk, hv] = partyColumns(holder);
    const rows = dataCategories.map((dc) =>
      this.versions.insert(
        citizen,
        {
          id: crypto.randomUUID(),
          version: 1,
          holder_kind: hk,
          holder_value: hv,
          requester_kind: "ura",
          requester_value: actor.ura,
          data_category: dc,
          decision: "permit",
          valid_until: validUntil,
          status: "active",
          temporary: 1,
          recorded_role: "provider",
          recorded_ura: actor.ura,
          recorded_org_type: actor.organizationType ?? null,
          channel: "provider",
          change: "created",
          created_at: now,
          at: now,
        },
        reason,
      ),
    );
    const items = rows.map(toChoice);
    this.notifications.add(
      citizen,
      "temporary-consent",
      `Care provider ${actor.ura} recorded the 72-hour temporary consent you gave on the spot (${dataCategories.join(", ")}).`,
      items[0]?.id ?? null,
    );
    this.subscriptions.notifyChanged(citizen, actor.ura, rows);
    this.log.log(citizen, actor, {
      action: "temporary-consent",
      outcome: "recorded",
      dataCategories,
      emergency: true,
      holderUra: "ura" in holder ? holder.ura : null,
    });
    return ok({ items, validUntil: new Date(validUntil).toISOString() });
  }
}
