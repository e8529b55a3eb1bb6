/**
 * Sending e-mail about applications, behind a small interface so a deployment can plug in its provider.
 * EMAIL_SENDER selects it: "outbox" keeps every message in D1 (`email_outbox`, read with GET /dev/outbox in
 * development), "log" writes one line per message without its body or address (the default in production until a
 * provider is configured). The in-app notifications are always stored (./notify.ts).
 */
import { logger } from "@regie/shared/log/logger";

export { EMAIL_SENDERS, emailSenderProblem } from "./sender-choice";

export interface EmailMessage {
  to: string;
  subject: string;
  body: string;
}
export interface EmailSender {
  send(message: EmailMessage): Promise<void>;
}

export class OutboxSender implements EmailSender {
  constructor(private readonly db: D1Database) {}
  async send(m: EmailMessage) {
    await this.db
      .prepare(`INSERT INTO email_outbox (id, recipient, subject, body, at) VALUES (?1, ?2, ?3, ?4, ?5)`)
      .bind(crypto.randomUUID(), m.to, m.subject, m.body, new Date().toISOString())
      .run();
  }
}

export class LogSender implements EmailSender {
  send(m: EmailMessage) {
    logger.info("email.not_sent", { reason: "no e-mail provider configured (EMAIL_SENDER=log)", subject: m.subject });
    return Promise.resolve();
  }
}

export function emailSender(env: { EMAIL_SENDER?: string; DB: D1Database }): EmailSender {
  return env.EMAIL_SENDER === "outbox" ? new OutboxSender(env.DB) : new LogSender();
}
