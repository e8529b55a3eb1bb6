/** The statutory deadline of an application as a notice (researcher pages) or a table cell (the HDAB's queue). Overdue is said in words, not only by colour. */
import type { Context } from "hono";
import type { Deadline } from "@regie/shared/contracts/catalogue";
import type { AppEnv } from "../env";

export function DeadlineNotice({ c, deadline }: { c: Context<AppEnv>; deadline: Deadline }) {
  const t = c.get("t");
  const e = t.ehds;
  return (
    <section class={`status-box${deadline.overdue ? " status-off" : ""}`} aria-labelledby="deadline-title">
      <h2 id="deadline-title">{e.deadlineTitle}</h2>
      {deadline.pausedSince ? (
        <p>{e.deadlinePaused(t.date(deadline.pausedSince))}</p>
      ) : (
        <p>
          {e.deadlineDue(t.date(deadline.dueAt))} <strong>{deadline.overdue ? e.deadlineOverdue : e.daysLeft(deadline.daysLeft)}</strong>
        </p>
      )}
      {deadline.extended && <p>{e.deadlineExtended}</p>}
    </section>
  );
}

export function DeadlineCell({ c, deadline }: { c: Context<AppEnv>; deadline: Deadline | null }) {
  const t = c.get("t");
  const e = t.ehds;
  if (!deadline) return <td>—</td>;
  return (
    <td class={deadline.overdue ? "overdue" : undefined}>
      {t.date(deadline.dueAt)}
      <br />
      <span class="meta">
        {deadline.pausedSince
          ? e.deadlinePaused(t.date(deadline.pausedSince))
          : deadline.overdue
            ? `${e.deadlineOverdue}: ${e.daysLeft(deadline.daysLeft)}`
            : e.daysLeft(deadline.daysLeft)}
      </span>
    </td>
  );
}
