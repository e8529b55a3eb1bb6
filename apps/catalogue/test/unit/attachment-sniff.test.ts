import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { contentProblem, safeName } from "../../src/attachments/sniff";

const bytes = (s: string) => new TextEncoder().encode(s);
const zipWith = (...names: string[]) => new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...bytes(names.join("\0"))]);
const DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

describe("attachment content checks", () => {
  it("accepts each type when the bytes match it", () => {
    expect(contentProblem("application/pdf", bytes("%PDF-1.7\n..."))).toBeUndefined();
    expect(contentProblem(DOCX, zipWith("[Content_Types].xml", "word/document.xml"))).toBeUndefined();
    expect(contentProblem(XLSX, zipWith("[Content_Types].xml", "xl/workbook.xml"))).toBeUndefined();
    expect(contentProblem("application/vnd.oasis.opendocument.text", zipWith("mimetypeapplication/vnd.oasis.opendocument.text"))).toBeUndefined();
    expect(contentProblem("application/msword", new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0]))).toBeUndefined();
    expect(contentProblem("text/plain", bytes("METC approval\r\nref 2026-0412\tok é"))).toBeUndefined();
    expect(contentProblem("text/csv", bytes("a,b\n1,2\n"))).toBeUndefined();
  });

  it("refuses a declared type the content does not have", () => {
    expect(contentProblem("application/pdf", bytes("<html><script>alert(1)</script>"))).toMatch(/not PDF/);
    expect(contentProblem(DOCX, zipWith("[Content_Types].xml", "xl/workbook.xml"))).toMatch(/not DOCX/);
    expect(contentProblem(XLSX, bytes("%PDF-1.4"))).toMatch(/not XLSX/);
    expect(contentProblem("text/plain", new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))).toMatch(/not TXT/);
    expect(contentProblem("text/csv", new Uint8Array([0xff, 0xfe, 0xfd]))).toMatch(/not CSV/);
    expect(contentProblem("application/pdf", new Uint8Array())).toMatch(/empty/);
    expect(contentProblem("text/html", bytes("<p>hi</p>"))).toMatch(/not accepted/);
    expect(contentProblem("image/svg+xml", bytes("<svg/>"))).toMatch(/not accepted/);
  });

  it("random bytes are never taken for a PDF unless they start with %PDF-", () => {
    fc.assert(
      fc.property(fc.uint8Array({ minLength: 1, maxLength: 64 }), (b) => {
        const isPdf = contentProblem("application/pdf", b) === undefined;
        expect(isPdf).toBe(new TextDecoder("latin1").decode(b.slice(0, 5)) === "%PDF-");
      }),
    );
  });

  it("file names lose paths, quotes and control characters", () => {
    expect(safeName("../../etc/passwd", "text/plain")).toBe("passwd");
    expect(safeName('C:\\Users\\a\\METC "besluit".pdf', "application/pdf")).toBe("METC _besluit_.pdf");
    expect(safeName("", "application/pdf")).toBe("attachment.pdf");
    expect(safeName("a\r\nSet-Cookie: x", "text/plain")).not.toMatch(/[\r\n:]/);
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (s) => {
        expect(safeName(s, "text/csv")).toMatch(/^[\p{L}\p{N} ._()-]{1,120}$/u);
      }),
    );
  });
});
