/**
 * Development seeding of a shard object (POST /dev/seed, POST /dev/bulk-choices; 404 outside development). The
 * object exposes these as RPC methods that delegate here; everything is recorded exactly as the API records it.
 */
import type { ChoiceInput } from "@regie/shared/contracts/consent";
import type { ChoiceWrites } from "../storage/shard/choice-writes";
import type { Outbox } from "../storage/shard/outbox";
import { ok } from "../storage/shard/result";
import type { Writes } from "../storage/shard/writes";
import type { ConsentShard } from "../storage/shard";
import type { DemoSpec } from "./demo-data";

/**
 * Records many citizens' choices as the citizens themselves, exactly as `record` does (versions, notifications to
 * subscribers, one access-log entry per choice), in one transaction: all of them or none.
 */
export async function recordMany(
  parts: { writes: Writes; choiceWrites: ChoiceWrites; outbox: Outbox },
  items: { citizen: string; choices: ChoiceInput[] }[],
): Promise<number> {
  let n = 0;
  parts.writes.run(
    items.map((i) => i.citizen),
    undefined,
    () => {
      for (const { citizen, choices } of items) {
        for (const input of choices) {
          parts.choiceWrites.record(citizen, input, { role: "citizen" }, {});
          n++;
        }
      }
      return ok(n);
    },
  );
  await parts.outbox.flushIfPending();
  return n;
}

/** Seeds a demo citizen once (idempotent per citizen): subscriptions, choices, opt-out, then logged checks. */
export async function seedCitizen(
  shard: Pick<ConsentShard, "subscribe" | "record" | "setSecondaryUse" | "check">,
  sql: SqlStorage,
  citizen: string,
  spec: DemoSpec,
  patientSealed: string | null,
): Promise<boolean> {
  const seeded = sql.exec<{ seeded: number }>("SELECT seeded FROM citizen_state WHERE citizen = ?", citizen).toArray()[0]?.seeded === 1;
  if (seeded) return false;
  sql.exec("INSERT INTO citizen_state (citizen, seeded) VALUES (?, 1) ON CONFLICT (citizen) DO UPDATE SET seeded = 1", citizen);
  for (const s of spec.subscriptions) await shard.subscribe(citizen, { role: "provider", ...s }, { patientSealed });
  for (const c of spec.choices) await shard.record(citizen, c.input, c.actor, { pending: c.pending });
  if (spec.optOut) await shard.setSecondaryUse(citizen, true, { role: "citizen" });
  for (const q of spec.checks) shard.check(citizen, { ...q, purpose: "TREAT" });
  return true;
}
