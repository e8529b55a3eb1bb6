/** D1 storage of data access applications (the whole application as JSON, with status and owner as columns; collaborators indexed). */
import type { AccessApplication, ApplicationStatus } from "@regie/shared/contracts/catalogue";

/** The stored document: the deadline is computed when read, never stored. */
export function docOf(a: AccessApplication): string {
  return JSON.stringify({ ...a, deadline: null });
}

export class ApplicationsRepo {
  constructor(private readonly db: D1Database) {}

  async insert(a: AccessApplication) {
    await this.db
      .prepare(`INSERT INTO access_applications (id, researcher, status, doc, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)`)
      .bind(a.id, a.researcher, a.status, docOf(a), a.createdAt, a.updatedAt)
      .run();
  }

  /**
   * Writes the new state only if the stored document is still `before` (optimistic concurrency); false otherwise.
   * Keeps the collaborator index in the same batch; `extra` statements run in it too and must guard themselves on
   * the new document (see PermitsRepo.insertStatement).
   */
  async update(a: AccessApplication, before: AccessApplication, extra: D1PreparedStatement[] = []): Promise<boolean> {
    const statements = [
      this.db
        .prepare(`UPDATE access_applications SET status = ?2, doc = ?3, updated_at = ?4 WHERE id = ?1 AND doc = ?5`)
        .bind(a.id, a.status, docOf(a), a.updatedAt, docOf(before)),
    ];
    const added = a.collaborators.filter((c) => !before.collaborators.some((b) => b.id === c.id));
    const removed = before.collaborators.filter((b) => !a.collaborators.some((c) => c.id === b.id));
    // only applied when the update above matched: the guard re-checks the new document
    for (const c of added) {
      statements.push(
        this.db
          .prepare(
            `INSERT OR IGNORE INTO application_collaborators (application_id, researcher) SELECT ?1, ?2 WHERE EXISTS (SELECT 1 FROM access_applications WHERE id = ?1 AND doc = ?3)`,
          )
          .bind(a.id, c.id, docOf(a)),
      );
    }
    for (const c of removed) {
      statements.push(
        this.db
          .prepare(
            `DELETE FROM application_collaborators WHERE application_id = ?1 AND researcher = ?2 AND EXISTS (SELECT 1 FROM access_applications WHERE id = ?1 AND doc = ?3)`,
          )
          .bind(a.id, c.id, docOf(a)),
      );
    }
    statements.push(...extra);
    const [first] = await this.db.batch(statements);
    return (first!.meta.changes ?? 0) > 0;
  }

  async get(id: string): Promise<AccessApplication | null> {
    const row = await this.db.prepare(`SELECT doc FROM access_applications WHERE id = ?1`).bind(id).first<{ doc: string }>();
    return row ? (JSON.parse(row.doc) as AccessApplication) : null;
  }

  /** A researcher's own and shared applications, or (no researcher) every submitted one; newest first, at most 500. */
  async list(filter: { researcher?: string; status?: ApplicationStatus }): Promise<AccessApplication[]> {
    const { results } = filter.researcher
      ? await this.db
          .prepare(
            `SELECT doc FROM access_applications WHERE (researcher = ?1 OR id IN (SELECT application_id FROM application_collaborators WHERE researcher = ?1))
             AND (?2 IS NULL OR status = ?2) ORDER BY created_at DESC, id LIMIT 500`,
          )
          .bind(filter.researcher, filter.status ?? null)
          .all<{ doc: string }>()
      : await this.db
          .prepare(`SELECT doc FROM access_applications WHERE status != 'draft' AND (?1 IS NULL OR status = ?1) ORDER BY created_at DESC, id LIMIT 500`)
          .bind(filter.status ?? null)
          .all<{ doc: string }>();
    return results.map((r) => JSON.parse(r.doc) as AccessApplication);
  }

  /** Deletes a draft (only while it is still a draft) with its collaborator rows; true when it was deleted. */
  async deleteDraft(id: string): Promise<boolean> {
    const [res] = await this.db.batch([
      this.db.prepare(`DELETE FROM access_applications WHERE id = ?1 AND status = 'draft'`).bind(id),
      this.db
        .prepare(`DELETE FROM application_collaborators WHERE application_id = ?1 AND NOT EXISTS (SELECT 1 FROM access_applications WHERE id = ?1)`)
        .bind(id),
    ]);
    return (res!.meta.changes ?? 0) > 0;
  }
}
