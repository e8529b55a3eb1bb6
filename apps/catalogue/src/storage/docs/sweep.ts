/**
 * Deletes documents no directory entry points to: left by a crash between staging and committing a write, or by a
 * failed removal (./writer.ts). A partition is walked by token in pages (cursor doc_cursors 'sweep:<n>'); a
 * document is removed only when it is older than GRACE_MS (so a write under way is never touched: its commit
 * follows its staging within one invocation, ≤ 5 minutes) and the catalogue's directory does not hold its token.
 */
import type { DocumentStore } from "./store";

export const GRACE_MS = 15 * 60_000;
const PAGE = 500;

/** Sweeps up to `pages` pages over the partitions; returns how many documents were removed. */
export async function sweepOrphans(db: D1Database, docs: DocumentStore, pages: number, now = Date.now(), pageSize = PAGE): Promise<number> {
  let removed = 0;
  let left = pages;
  for (let part = 0; part < docs.partitions && left > 0; part++) {
    const name = `sweep:${part}`;
    let after = (await db.prepare(`SELECT after FROM doc_cursors WHERE name = ?1`).bind(name).first<{ after: string }>())?.after ?? "";
    while (left-- > 0) {
      const page = await docs.tokens(part, after, pageSize);
      const old = page.filter((t) => Date.parse(t.stagedAt) < now - GRACE_MS).map((t) => t.token);
      if (old.length) {
        const { results } = await db
          .prepare(`SELECT token FROM dataset_parts WHERE token IN (SELECT value FROM json_each(?1))`)
          .bind(JSON.stringify(old))
          .all<{ token: string }>();
        const live = new Set(results.map((r) => r.token));
        const orphans = old.filter((t) => !live.has(t));
        await docs.remove(part, orphans);
        removed += orphans.length;
      }
      // at the end of the partition the next sweep starts it over
      after = page.length < pageSize ? "" : page[page.length - 1]!.token;
      await db.prepare(`INSERT INTO doc_cursors (name, after) VALUES (?1, ?2) ON CONFLICT(name) DO UPDATE SET after = excluded.after`).bind(name, after).run();
      if (after === "") break;
    }
  }
  return removed;
}
