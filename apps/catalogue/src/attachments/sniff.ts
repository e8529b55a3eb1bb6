/**
 * Is an uploaded file what it says it is? (pure) The declared type must be one we accept, and the bytes must match
 * it: PDF by its `%PDF-` header, the OOXML/ODF office formats by their ZIP container and the part that names the
 * format, legacy Word by its OLE2 header, text and CSV by being UTF-8 without control bytes.
 */
import { ATTACHMENT_TYPES, type AttachmentType } from "@regie/shared/contracts/catalogue";

const starts = (b: Uint8Array, sig: readonly number[]) => sig.every((x, i) => b[i] === x);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Latin-1 view of the first `n` bytes, to find ZIP entry names and the ODF mimetype. */
function head(b: Uint8Array, n = 64 * 1024): string {
  let s = "";
  for (let i = 0; i < Math.min(b.length, n); i++) s += String.fromCharCode(b[i]!);
  return s;
}

function isText(b: Uint8Array): boolean {
  let decoded: string;
  try {
    decoded = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(b);
  } catch {
    return false;
  }
  // tabs, newlines and carriage returns only; no NUL or other C0 controls, no DEL
  for (let i = 0; i < decoded.length; i++) {
    const code = decoded.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return false;
  }
  return true;
}

export function isAcceptedType(type: string): type is AttachmentType {
  return Object.hasOwn(ATTACHMENT_TYPES, type);
}

/** Undefined when the content matches the declared type, otherwise why not. */
export function contentProblem(declared: string, bytes: Uint8Array): string | undefined {
  if (!isAcceptedType(declared)) return `files of type ${declared.slice(0, 100)} are not accepted`;
  if (bytes.length === 0) return "the file is empty";
  const mismatch = `the file's content is not ${ATTACHMENT_TYPES[declared].toUpperCase()}`;
  switch (declared) {
    case "application/pdf":
      return starts(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d]) ? undefined : mismatch;
    case "application/msword":
      return starts(bytes, OLE2) ? undefined : mismatch;
    case "application/vnd.oasis.opendocument.text":
      return starts(bytes, ZIP) && head(bytes, 256).includes("mimetypeapplication/vnd.oasis.opendocument.text") ? undefined : mismatch;
    case "application/vnd.openxmlformats-officedocument.wordprocessingml.document":
      return starts(bytes, ZIP) && head(bytes).includes("[Content_Types].xml") && head(bytes).includes("word/") ? undefined : mismatch;
    case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
      return starts(bytes, ZIP) && head(bytes).includes("[Content_Types].xml") && head(bytes).includes("xl/") ? undefined : mismatch;
    case "text/plain":
    case "text/csv":
      return isText(bytes) ? undefined : mismatch;
  }
}

/** A file name safe to show and to put in Content-Disposition: no paths, quotes or control characters. */
export function safeName(raw: string | undefined, type: AttachmentType): string {
  const base = (raw ?? "").split(/[\\/]/).pop() ?? "";
  const clean = base
    .replace(/[^\p{L}\p{N} ._()-]/gu, "_")
    .replace(/^[ .]+/, "")
    .slice(0, 120)
    .trim();
  return clean || `attachment.${ATTACHMENT_TYPES[type]}`;
}
