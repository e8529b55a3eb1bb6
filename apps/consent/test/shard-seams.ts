/**
 * Test values for a shard object's seams (src/storage/shard/seams.ts), set on a live object through
 * runInDurableObject: `shard.seams.clock = offsetClock(ms)`, `shard.seams.faults = failNextCommit()`,
 * `shard.seams.d1 = () => failingD1`. Put the production value back afterwards (`systemClock`, `() => env.DB`).
 */
import type { Clock, StorageFaults } from "../src/storage/shard/seams";

export { systemClock } from "../src/storage/shard/seams";

/** The real time moved on by `offsetMs` (e.g. to let a 72-hour consent expire). */
export function offsetClock(offsetMs: number): Clock {
  return { now: () => Date.now() + offsetMs };
}

/** Fails the next write inside its transaction, after its work and before it commits (then never again). */
export function failNextCommit(): StorageFaults {
  let armed = true;
  return {
    beforeCommit() {
      if (!armed) return;
      armed = false;
      throw new Error("injected storage failure (test seam)");
    },
  };
}
