/**
 * The statutory decision period of an EHDS application (pure). Regulation (EU) 2025/327:
 * - Art. 68: the HDAB decides on a data access application within 3 months of receiving the complete application,
 *   and may extend that once by up to 3 more months (telling the applicant why);
 * - Art. 69: the HDAB assesses a health data request within 3 months (no extension is provided for);
 * - the clock stops while the HDAB waits for information it asked the applicant for, and runs again when the
 *   applicant answers (the period counts from a complete application).
 * Months are calendar months in UTC (31 January + 1 month = 28/29 February); paused time is added to the end.
 */
import type { ApplicationEvent, ApplicationKind, Deadline } from "@regie/shared/contracts/catalogue";

export const DECISION_MONTHS: Readonly<Record<ApplicationKind, number>> = { data_access: 3, data_request: 3 };
export const EXTENSION_MONTHS: Readonly<Record<ApplicationKind, number>> = { data_access: 3, data_request: 0 };
const DAY = 86_400_000;

export interface Pause {
  from: string;
  /** null while the clock is stopped */
  to: string | null;
}
export interface Clock {
  kind: ApplicationKind;
  submittedAt: string;
  pauses: readonly Pause[];
  extended: boolean;
}

/** `at` plus `months` calendar months (UTC), the day clamped to the end of a shorter month. */
export function addMonths(at: string, months: number): Date {
  const d = new Date(at);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() + months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds()));
}

export function canExtend(kind: ApplicationKind): boolean {
  return EXTENSION_MONTHS[kind] > 0;
}

/** When the decision is due at `now`, whether the clock is stopped, and whether it is overdue. */
export function deadlineOf(clock: Clock, now: Date): Deadline {
  const months = DECISION_MONTHS[clock.kind] + (clock.extended ? EXTENSION_MONTHS[clock.kind] : 0);
  let paused = 0;
  let pausedSince: string | null = null;
  for (const p of clock.pauses) {
    const from = Date.parse(p.from);
    const to = p.to === null ? Math.max(now.getTime(), from) : Date.parse(p.to);
    paused += Math.max(0, to - from);
    if (p.to === null) pausedSince = p.from;
  }
  const due = addMonths(clock.submittedAt, months).getTime() + paused;
  const left = due - now.getTime();
  return {
    dueAt: new Date(due).toISOString(),
    months,
    extended: clock.extended,
    pausedSince,
    overdue: pausedSince === null && left < 0,
    daysLeft: Math.floor(left / DAY),
  };
}

/** The clock of an application, read from its history (submitted; information_requested ... answered; extended). */
export function clockOf(kind: ApplicationKind, history: readonly ApplicationEvent[]): Clock | null {
  const submitted = history.find((h) => h.status === "submitted");
  if (!submitted) return null;
  const pauses: Pause[] = [];
  let extended = false;
  for (const h of history) {
    if (h.note === "extended") extended = true;
    else if (h.status === "information_requested") pauses.push({ from: h.at, to: null });
    else if (h.note === "answered") {
      const open = pauses.at(-1);
      if (open && open.to === null) open.to = h.at;
    }
  }
  return { kind, submittedAt: submitted.at, pauses, extended };
}
