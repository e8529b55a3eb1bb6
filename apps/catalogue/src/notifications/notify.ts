/**
 * Every change of an application notifies the applicant and the collaborators: an in-app notification each
 * (GET /v1/me/notifications) and an e-mail through the configured sender. One D1 batch for the in-app rows;
 * e-mail failures are logged and never undo the change.
 */
import type { AccessApplication, Notification } from "@regie/shared/contracts/catalogue";
import { errorFields, logger } from "@regie/shared/log/logger";
import type { EmailSender } from "./sender";

export type ApplicationEventName =
  | "created"
  | "edited"
  | "submitted"
  | "under_review"
  | "information_requested"
  | "answered"
  | "extended"
  | "approved"
  | "rejected"
  | "collaborator_added"
  | "attachment_added";

/** The sentence of a notification (English; the portal shows its own translation by event and status). */
export function messageOf(event: ApplicationEventName, app: AccessApplication): string {
  const what = app.kind === "data_request" ? "data request" : "data access application";
  switch (event) {
    case "created":
      return `A draft ${what} was created.`;
    case "edited":
      return `The ${what} was edited.`;
    case "submitted":
      return `The ${what} was submitted to the HDAB.`;
    case "under_review":
      return `The HDAB is reviewing the ${what}.`;
    case "information_requested":
      return `The HDAB asks for more information about the ${what}; the decision period is paused until the applicant answers.`;
    case "answered":
      return `The applicant answered the HDAB's question; the review continues.`;
    case "extended":
      return `The HDAB extended the decision period of the ${what}.`;
    case "approved":
      return app.kind === "data_request"
        ? "The HDAB approved the data request."
        : `The HDAB approved the application and issued data permit ${app.permitId ?? ""}.`.trim();
    case "rejected":
      return `The HDAB rejected the ${what}.`;
    case "collaborator_added":
      return `A collaborator was added to the ${what}.`;
    case "attachment_added":
      return `A document was attached to the ${what}.`;
  }
}

export async function notify(db: D1Database, sender: EmailSender, app: AccessApplication, event: ApplicationEventName, at: string): Promise<void> {
  const recipients = [app.researcher, ...app.collaborators.map((c) => c.id)];
  const message = messageOf(event, app);
  const items: Notification[] = recipients.map(() => ({ id: crypto.randomUUID(), applicationId: app.id, event, status: app.status, message, at }));
  await db.batch(
    items.map((n, i) =>
      db
        .prepare(`INSERT INTO application_notifications (id, recipient, application_id, event, status, message, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)`)
        .bind(n.id, recipients[i], n.applicationId, n.event, n.status, n.message, n.at),
    ),
  );
  const emails = [app.applicant.email, ...app.collaborators.map((c) => c.email)].filter((e): e is string => !!e && e.includes("@"));
  for (const to of new Set(emails)) {
    try {
      await sender.send({ to, subject: `[Regie] ${message}`, body: `${message}\n\nApplication ${app.id}, status: ${app.status.replace("_", " ")}.` });
    } catch (err) {
      logger.warn("email.failed", { applicationId: app.id, event, ...errorFields(err) });
    }
  }
}

export async function notificationsOf(db: D1Database, recipient: string): Promise<Notification[]> {
  const { results } = await db
    .prepare(
      `SELECT id, application_id AS applicationId, event, status, message, at FROM application_notifications WHERE recipient = ?1 ORDER BY at DESC, id LIMIT 200`,
    )
    .bind(recipient)
    .all<Notification>();
  return results;
}
