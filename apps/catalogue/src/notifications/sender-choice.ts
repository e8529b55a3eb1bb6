/** The values EMAIL_SENDER may take (checked at start by src/config.ts; the senders are in ./sender.ts). */
export const EMAIL_SENDERS = ["outbox", "log"] as const;

export function emailSenderProblem(value: string): string | undefined {
  return (EMAIL_SENDERS as readonly string[]).includes(value) ? undefined : `EMAIL_SENDER must be one of ${EMAIL_SENDERS.join(", ")}`;
}
