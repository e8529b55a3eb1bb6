/**
 * HDAB cohort filter (EHDS Art. 71): which BSNs may be included in a data permit approved at `approvedAt`.
 * A BSN is excluded when its citizen is opted out now and that opt-out started at or before the approval
 * (an opt-out applies only to permits approved after it; an opt-in ends it). BSNs are pseudonymised and
 * checked against D1 in large batches: one JSON-array parameter per statement (json_each), all in one batch.
 */
import { pseudonymiserFor } from "../citizens/fast-pseudonym";

/** Pseudonyms per statement: 14,000 × 67 bytes of JSON ≈ 0.94 MB, under half of D1's 2 MB value limit. */
const PER_STATEMENT = 14_000;

export async function filterCohort(
  db: D1Database,
  key: string,
  bsns: readonly string[],
  approvedAt: number,
): Promise<{ included: string[]; excludedCount: number }> {
  const pseudonyms = bsns.map(pseudonymiserFor(key));
  const statements: D1PreparedStatement[] = [];
  for (let i = 0; i < pseudonyms.length; i += PER_STATEMENT) {
    statements.push(
      db
        .prepare("SELECT pseudonym FROM secondary_use_optouts WHERE pseudonym IN (SELECT value FROM json_each(?1)) AND opted_out = 1 AND opted_out_at <= ?2")
        .bind(JSON.stringify(pseudonyms.slice(i, i + PER_STATEMENT)), approvedAt),
    );
  }
  const results = await db.batch<{ pseudonym: string }>(statements);
  const excluded = new Set<string>();
  for (const r of results) for (const row of r.results) excluded.add(row.pseudonym);
  if (excluded.size === 0) return { included: [...bsns], excludedCount: 0 };
  const included: string[] = [];
  for (let i = 0; i < bsns.length; i++) if (!excluded.has(pseudonyms[i]!)) included.push(bsns[i]!);
  return { included, excludedCount: bsns.length - included.length };
}
