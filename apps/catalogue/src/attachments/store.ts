/**
 * Attachments of an application: the bytes in R2 (binding ATTACHMENTS, key `applications/<applicationId>/<attachmentId>`),
 * the description in D1. Limits: ATTACHMENT_MAX_BYTES per file (8 MiB, the catalogue's body limit and 8 % of the
 * Workers request body limit of 100 MB; the worker holds one file in memory, far below 128 MB) and
 * ATTACHMENT_MAX_COUNT per application.
 */
import type { Attachment } from "@regie/shared/contracts/catalogue";
import { allRows } from "../storage/d1";

type Row = { id: string; application_id: string; name: string; content_type: string; size: number; uploaded_by: string; uploaded_at: string; r2_key: string };
const toAttachment = (r: Row): Attachment => ({
  id: r.id,
  applicationId: r.application_id,
  name: r.name,
  contentType: r.content_type,
  size: r.size,
  uploadedBy: r.uploaded_by,
  uploadedAt: r.uploaded_at,
});

export class AttachmentStore {
  constructor(
    private readonly db: D1Database,
    private readonly bucket: R2Bucket,
  ) {}

  async count(applicationId: string): Promise<number> {
    const row = await this.db.prepare(`SELECT count(*) AS n FROM application_attachments WHERE application_id = ?1`).bind(applicationId).first<{ n: number }>();
    return row?.n ?? 0;
  }

  /** Stores the bytes first, then the row: a failed row write leaves at worst an unreferenced object, never a row without bytes. */
  async put(a: Attachment, bytes: Uint8Array): Promise<void> {
    const key = `applications/${a.applicationId}/${a.id}`;
    await this.bucket.put(key, bytes, { httpMetadata: { contentType: a.contentType } });
    await this.db
      .prepare(
        `INSERT INTO application_attachments (id, application_id, name, content_type, size, uploaded_by, uploaded_at, r2_key) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)`,
      )
      .bind(a.id, a.applicationId, a.name, a.contentType, a.size, a.uploadedBy, a.uploadedAt, key)
      .run();
  }

  list(applicationId: string): Promise<Attachment[]> {
    return allRows(
      this.db,
      `SELECT * FROM application_attachments WHERE application_id = ?1 ORDER BY uploaded_at, id LIMIT 100`,
      [applicationId],
      toAttachment,
    );
  }

  async get(applicationId: string, id: string): Promise<{ attachment: Attachment; body: ReadableStream } | null> {
    const row = await this.db.prepare(`SELECT * FROM application_attachments WHERE application_id = ?1 AND id = ?2`).bind(applicationId, id).first<Row>();
    if (!row) return null;
    const object = await this.bucket.get(row.r2_key);
    return object ? { attachment: toAttachment(row), body: object.body } : null;
  }

  async delete(applicationId: string, id: string): Promise<boolean> {
    const row = await this.db
      .prepare(`SELECT r2_key FROM application_attachments WHERE application_id = ?1 AND id = ?2`)
      .bind(applicationId, id)
      .first<{ r2_key: string }>();
    if (!row) return false;
    await this.db.prepare(`DELETE FROM application_attachments WHERE id = ?1`).bind(id).run();
    await this.bucket.delete(row.r2_key);
    return true;
  }

  /** Every attachment of an application (deleting a draft): the objects in one R2 call, then the rows. */
  async deleteAll(applicationId: string): Promise<void> {
    const { results } = await this.db
      .prepare(`SELECT r2_key FROM application_attachments WHERE application_id = ?1`)
      .bind(applicationId)
      .all<{ r2_key: string }>();
    if (results.length) await this.bucket.delete(results.map((r) => r.r2_key));
    await this.db.prepare(`DELETE FROM application_attachments WHERE application_id = ?1`).bind(applicationId).run();
  }
}
