/**
 * Attachments of an application (the METC approval, a data management plan, ...): the file's own bytes as the
 * request body with its media type, the name in `?name=`. Only the applicant, the collaborators and the HDAB can
 * read them (everyone else: 404); the applicant and collaborators add and remove them while the application is a
 * draft or waits for information.
 */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { ATTACHMENT_MAX_BYTES, ATTACHMENT_MAX_COUNT, ATTACHMENT_TYPES, Attachment, AttachmentList } from "@regie/shared/contracts/catalogue";
import { loadWithRole } from "../applications/service";
import { isOpenToApplicant } from "../applications/workflow";
import { contentProblem, isAcceptedType, safeName } from "../attachments/sniff";
import { AttachmentStore } from "../attachments/store";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import { notify } from "../notifications/notify";
import { emailSender } from "../notifications/sender";
import { IdParam } from "./applications";
import { pathParam, researcher, researcherOrHdab } from "./common";

const AttachmentParam = IdParam.extend(pathParam("attachmentId", 100).shape);
const store = (env: Env) => new AttachmentStore(env.DB, env.ATTACHMENTS);

export function attachmentRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    researcher
      .post(
        "/v1/access-applications/{id}/attachments",
        `Attach a document (applicant, collaborators): PDF, DOCX, XLSX, ODT, DOC, TXT or CSV, at most ${ATTACHMENT_MAX_BYTES / 1024 / 1024} MiB, ${ATTACHMENT_MAX_COUNT} per application`,
        {
          params: IdParam,
          query: z.object({ name: z.string().max(300).optional() }),
          body: {
            required: true,
            content: Object.fromEntries(Object.keys(ATTACHMENT_TYPES).map((t) => [t, { schema: z.string().openapi({ format: "binary" }) }])),
          },
        },
      )
      .describe("Send the file's bytes as the body with its media type; the content must match the type (415 otherwise, 413 when too large).")
      .created(Attachment, "Stored", 401, 403, 404, 409, 413, 415),
    async (c) => {
      const { app: application, role } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      if (role === "hdab") throw new ApiError("FORBIDDEN", "The HDAB does not add documents to an application");
      if (!isOpenToApplicant(application)) throw new ApiError("CONFLICT", "Documents can be added to a draft or when the HDAB asks for information");
      const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
      if (!isAcceptedType(type))
        throw new ApiError("UNSUPPORTED_MEDIA_TYPE", `Send ${Object.values(ATTACHMENT_TYPES).join(", ").toUpperCase()}`, {
          headers: { accept: Object.keys(ATTACHMENT_TYPES).join(", ") },
        });
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length > ATTACHMENT_MAX_BYTES) throw new ApiError("PAYLOAD_TOO_LARGE", `An attachment may be at most ${ATTACHMENT_MAX_BYTES} bytes`);
      const problem = contentProblem(type, bytes);
      if (problem) throw new ApiError("UNSUPPORTED_MEDIA_TYPE", problem);
      const files = store(c.env);
      if ((await files.count(application.id)) >= ATTACHMENT_MAX_COUNT)
        throw new ApiError("CONFLICT", `An application has at most ${ATTACHMENT_MAX_COUNT} attachments`);
      const attachment: Attachment = {
        id: crypto.randomUUID(),
        applicationId: application.id,
        name: safeName(c.req.valid("query").name, type),
        contentType: type,
        size: bytes.length,
        uploadedBy: c.get("auth").sub,
        uploadedAt: nowIso(),
      };
      await files.put(attachment, bytes);
      await notify(c.env.DB, emailSender(c.env), application, "attachment_added", attachment.uploadedAt);
      c.header("location", `/v1/access-applications/${application.id}/attachments/${attachment.id}`);
      return c.json(attachment, 201);
    },
  );

  app.openapi(
    researcherOrHdab
      .get("/v1/access-applications/{id}/attachments", "The application's attachments (applicant, collaborators, HDAB)", { params: IdParam })
      .ok(AttachmentList, "Oldest first", 401, 403, 404),
    async (c) => {
      const { app: application } = await loadWithRole(c.env.DB, c.get("auth"), c.req.valid("param").id);
      return c.json({ items: await store(c.env).list(application.id) }, 200);
    },
  );

  app.openapi(
    researcherOrHdab
      .get("/v1/access-applications/{id}/attachments/{attachmentId}", "Download an attachment (applicant, collaborators, HDAB; everyone else 404)", {
        params: AttachmentParam,
      })
      .respond({ 200: { description: "The file, as a download" } }, 401, 403, 404),
    async (c) => {
      const { id, attachmentId } = c.req.valid("param");
      const { app: application } = await loadWithRole(c.env.DB, c.get("auth"), id);
      const found = await store(c.env).get(application.id, attachmentId);
      if (!found) throw new ApiError("NOT_FOUND", "No such attachment");
      return new Response(found.body, {
        status: 200,
        headers: {
          "content-type": found.attachment.contentType,
          "content-length": String(found.attachment.size),
          "content-disposition": `attachment; filename="${found.attachment.name.replace(/[^\x20-\x7e]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(found.attachment.name)}`,
          "x-content-type-options": "nosniff",
          "content-security-policy": "default-src 'none'; sandbox",
          "cache-control": "private, no-store",
        },
      });
    },
  );

  app.openapi(
    researcher
      .delete("/v1/access-applications/{id}/attachments/{attachmentId}", "Remove an attachment (applicant, collaborators; draft or information requested)", {
        params: AttachmentParam,
      })
      .respond({ 204: { description: "Removed" } }, 401, 403, 404, 409),
    async (c) => {
      const { id, attachmentId } = c.req.valid("param");
      const { app: application } = await loadWithRole(c.env.DB, c.get("auth"), id);
      if (!isOpenToApplicant(application)) throw new ApiError("CONFLICT", "Documents of a submitted application stay with it");
      if (!(await store(c.env).delete(application.id, attachmentId))) throw new ApiError("NOT_FOUND", "No such attachment");
      return c.body(null, 204);
    },
  );
}
