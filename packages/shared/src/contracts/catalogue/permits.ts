/** catalogue contracts: data permits, the public register, attachments and notifications of EHDS applications. */
import { z } from "@hono/zod-openapi";
import { component } from "../component";
import { ApplicationKind } from "./access-applications";

/**
 * A data permit (Art. 68) or, for a health data request (Art. 69), the record of its answer. Nothing in it names
 * a natural person: the health data user is its organisation; the applicant's name and e-mail stay in the
 * application, which only the applicant, the collaborators and the HDAB can read.
 */
export const Permit = component("Permit", {
  id: z.string(),
  kind: ApplicationKind,
  applicationId: z.string(),
  /** the health data user's organisation (a legal person) */
  organisation: z.string(),
  datasetIds: z.array(z.string()),
  purpose: z.string(),
  purposeDescription: z.string(),
  conditions: z.array(z.string()),
  /** null for a data request (the HDAB answers with statistics; no environment is opened) */
  processingEnvironment: z.string().nullable(),
  dataForm: z.enum(["anonymised", "pseudonymised"]).nullable(),
  issuedAt: z.string(),
  startDate: z.string(),
  endDate: z.string(),
  /** computed when read: expired once endDate has passed */
  status: z.enum(["active", "expired"]),
});
export type Permit = z.infer<typeof Permit>;

export const PermitList = component("PermitList", { items: z.array(Permit), total: z.number().int() });
export type PermitList = z.infer<typeof PermitList>;

/** Attachment types accepted (checked by content, not only by the declared type). */
export const ATTACHMENT_TYPES = {
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
  "application/vnd.oasis.opendocument.text": "odt",
  "application/msword": "doc",
  "text/plain": "txt",
  "text/csv": "csv",
} as const;
export type AttachmentType = keyof typeof ATTACHMENT_TYPES;
/** 8 MiB: the catalogue's request body limit, 8 % of the Workers request body limit (100 MB). */
export const ATTACHMENT_MAX_BYTES = 8 * 1024 * 1024;
/** At most this many attachments per application (so one application holds at most 20 x 8 MiB in R2). */
export const ATTACHMENT_MAX_COUNT = 20;

export const Attachment = component("Attachment", {
  id: z.string(),
  applicationId: z.string(),
  name: z.string(),
  contentType: z.string(),
  size: z.number().int(),
  uploadedBy: z.string(),
  uploadedAt: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;
export const AttachmentList = component("AttachmentList", { items: z.array(Attachment) });

export const Notification = component("ApplicationNotification", {
  id: z.string(),
  applicationId: z.string(),
  event: z.string(),
  status: z.string(),
  message: z.string(),
  at: z.string(),
});
export type Notification = z.infer<typeof Notification>;
export const NotificationList = component("ApplicationNotificationList", { items: z.array(Notification) });

/** Development only: GET /dev/outbox, the e-mails the development sender kept. */
export const OutboxMessage = z.object({ id: z.string(), to: z.string(), subject: z.string(), body: z.string(), at: z.string() });
export const OutboxList = z.object({ items: z.array(OutboxMessage) });
