/**
 * The push queue's consumer (the worker's `queue` handler): for each message, is the subscription still on (D1)?
 * then open the sealed patient and headers, build the notification Bundle (./notification.ts), deliver it
 * (./delivery.ts) and ack; a failure is recorded on the subscription and the message retried with backoff
 * (`retry({ delaySeconds })`). After `max_retries` (wrangler.jsonc) Cloudflare moves the message to the dead-letter
 * queue, whose consumer marks the subscription `error`. At least once: a delivery that succeeded but whose ack was
 * lost is delivered again (same Bundle id). A message never blocks a write: shards only enqueue.
 */
import { logger, type OutboundMode } from "@regie/shared";
import type { Bindings } from "../env";
import { deliveryTarget, recordDelivered, recordFailure } from "../storage/subscription-directory";
import { deliver, retryDelaySeconds } from "./delivery";
import { PushMessage } from "./message";
import { notificationBundle } from "./notification";
import { unseal } from "./sealed";

/** What the consumer reaches outside its bindings; tests replace `fetch` (and put it back). */
export const pushSeams: { fetch: (r: Request) => Promise<Response>; now: () => number } = { fetch: (r) => fetch(r), now: () => Date.now() };

export const DEFAULT_TIMEOUT_MS = 10_000;

function settings(env: Bindings) {
  const base = Number(env.PUSH_RETRY_BASE_SECONDS);
  const timeout = Number(env.PUSH_TIMEOUT_MS);
  return {
    mode: (env.ENVIRONMENT === "development" ? "development" : "production") as OutboundMode,
    baseSeconds: Number.isFinite(base) && base >= 0 ? base : 10,
    timeoutMs: Number.isFinite(timeout) && timeout > 0 ? Math.min(timeout, 30_000) : DEFAULT_TIMEOUT_MS,
  };
}

async function handle(msg: Message<unknown>, env: Bindings, s: ReturnType<typeof settings>): Promise<void> {
  const parsed = PushMessage.safeParse(msg.body);
  if (!parsed.success) {
    logger.error("push message malformed; dropped", { messageId: msg.id });
    msg.ack();
    return;
  }
  const m = parsed.data;
  const target = await deliveryTarget(env.DB, m.subscriptionId);
  if (!target || target.status === "off") {
    // removed (DELETE): nothing is sent for it any more
    msg.ack();
    return;
  }
  const bsn = await unseal(m.patientSealed, "patient", env.PSEUDONYM_KEY);
  const headers = m.headersSealed ? (JSON.parse(await unseal(m.headersSealed, "headers", env.PSEUDONYM_KEY)) as string[]) : [];
  const body = JSON.stringify(notificationBundle(m, bsn));
  const attempt = await deliver({ endpoint: m.endpoint, headers, body, mode: s.mode, timeoutMs: s.timeoutMs }, pushSeams.fetch);
  const now = pushSeams.now();
  const fields = { subscriptionId: m.subscriptionId, notificationId: m.notificationId, attempt: msg.attempts };
  if (attempt.outcome === "delivered") {
    await recordDelivered(env.DB, m.subscriptionId, now);
    logger.info("push delivered", { ...fields, status: attempt.status });
    msg.ack();
  } else if (attempt.outcome === "refused") {
    await recordFailure(env.DB, m.subscriptionId, attempt.error, now, true);
    logger.warn("push refused", fields);
    msg.ack();
  } else {
    await recordFailure(env.DB, m.subscriptionId, `Attempt ${msg.attempts}: ${attempt.error}`, now, false);
    const delaySeconds = retryDelaySeconds(msg.attempts, s.baseSeconds);
    logger.warn("push failed; retrying", { ...fields, delaySeconds });
    msg.retry({ delaySeconds });
  }
}

/** The main push queue: deliver each message of the batch (in parallel; at most max_batch_size of them). */
export async function consumePush(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  const s = settings(env);
  await Promise.all(
    batch.messages.map(async (msg) => {
      try {
        await handle(msg, env, s);
      } catch (err) {
        // D1 or crypto unavailable: try the message again later
        logger.error("push attempt could not run", { messageId: msg.id, error: (err as Error)?.message ?? "unknown" });
        msg.retry({ delaySeconds: retryDelaySeconds(msg.attempts, s.baseSeconds) });
      }
    }),
  );
}

/** The dead-letter queue: every retry failed; the subscription shows `error` with the last failure. */
export async function consumeDeadLetters(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  for (const msg of batch.messages) {
    const parsed = PushMessage.safeParse(msg.body);
    if (parsed.success) {
      const last = await env.DB.prepare("SELECT last_error FROM provider_subscriptions WHERE id = ?")
        .bind(parsed.data.subscriptionId)
        .first<{ last_error: string | null }>();
      await recordFailure(
        env.DB,
        parsed.data.subscriptionId,
        `Gave up after every retry failed; last: ${last?.last_error ?? "unknown"}`,
        pushSeams.now(),
        true,
      );
      logger.error("push dead-lettered", { subscriptionId: parsed.data.subscriptionId, notificationId: parsed.data.notificationId });
    }
    msg.ack();
  }
}

/** The worker's `queue` handler: the dead-letter queue is the one whose name ends in "-dlq". */
export async function queueHandler(batch: MessageBatch<unknown>, env: Bindings): Promise<void> {
  if (batch.queue.endsWith("-dlq")) await consumeDeadLetters(batch, env);
  else await consumePush(batch, env);
}
