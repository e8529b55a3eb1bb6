/**
 * The message a shard puts on the push queue for one subscriber and one consent change: everything the consumer needs
 * to build and deliver the notification, with no raw BSN and no readable credential (the patient and the channel
 * headers are sealed, ./sealed.ts). The consumer parses every message with this schema.
 *
 * Size: Cloudflare Queues take messages up to 128 KB; a message stays at 64 KB or less (half). A write changes at most
 * 20 choices (a temporary consent: one per data category), ≈ 0.5 KB each as JSON, so one message is ≈ 11 KB at most;
 * `splitBySize` still cuts a larger change into several messages so the bound holds whatever the caller passes.
 */
import { z } from "@hono/zod-openapi";
import { Choice } from "@regie/shared/contracts/consent";

export const MAX_MESSAGE_BYTES = 64 * 1024;

export const PushMessage = z.object({
  v: z.literal(1),
  /** Unique per notification; the Bundle's id, the same on every redelivery (receivers may de-duplicate on it). */
  notificationId: z.string(),
  subscriptionId: z.string(),
  subscriber: z.object({ ura: z.string(), organizationType: z.string() }),
  endpoint: z.string(),
  headersSealed: z.string().nullable(),
  patientSealed: z.string(),
  /** The choices the write changed, as they are after it (a withdrawn one is `withdrawn`). */
  consents: z.array(Choice).min(1),
  /** epoch ms of the change */
  at: z.number(),
});
export type PushMessage = z.infer<typeof PushMessage>;

const bytes = (m: unknown) => new TextEncoder().encode(JSON.stringify(m)).length;

/** One message per group of consents such that each stays at MAX_MESSAGE_BYTES or less (each gets its own id). */
export function splitBySize(m: PushMessage, max = MAX_MESSAGE_BYTES): PushMessage[] {
  if (bytes(m) <= max || m.consents.length === 1) return [m];
  const half = Math.ceil(m.consents.length / 2);
  return [
    ...splitBySize({ ...m, consents: m.consents.slice(0, half) }, max),
    ...splitBySize({ ...m, notificationId: crypto.randomUUID(), consents: m.consents.slice(half) }, max),
  ];
}

/** Queue `sendBatch` takes at most 100 messages and 256 KB; a batch here holds at most 50 and 128 KB (half). */
export const SEND_BATCH_MESSAGES = 50;
export const SEND_BATCH_BYTES = 128 * 1024;

/** Cuts messages into sendBatch-sized groups (by count and by bytes). */
export function sendBatches<T>(messages: T[]): T[][] {
  const out: T[][] = [];
  let cur: T[] = [];
  let size = 0;
  for (const m of messages) {
    const b = bytes(m);
    if (cur.length > 0 && (cur.length >= SEND_BATCH_MESSAGES || size + b > SEND_BATCH_BYTES)) {
      out.push(cur);
      cur = [];
      size = 0;
    }
    cur.push(m);
    size += b;
  }
  if (cur.length) out.push(cur);
  return out;
}
