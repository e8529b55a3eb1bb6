import { describe, expect, it } from "vitest";
import { Bsn, BSN_MESSAGE, bsnCheckDigit, isValidBsn, maskBsn } from "../src/identifiers/bsn";
import { isValidUra } from "../src/identifiers/ura";

describe("BSN 11-proef", () => {
  it("accepts numbers that pass the 11-proef", () => {
    for (const bsn of ["999993653", "111222333", "123456782", "999990019"]) expect(isValidBsn(bsn)).toBe(true);
  });
  it("rejects a changed digit, wrong length, letters and the all-zero number", () => {
    for (const bad of ["999993654", "12345678", "1234567890", "12345678a", "000000000", "", " 99999365"]) {
      expect(isValidBsn(bad)).toBe(false);
    }
  });
  it("the zod schema gives a message that does not echo the number", () => {
    const r = Bsn.safeParse("999993654");
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe(BSN_MESSAGE);
    expect(JSON.stringify(r.error!.issues)).not.toContain("999993654");
  });
  it("bsnCheckDigit completes eight digits to a valid BSN, or says that no digit does", () => {
    for (const bsn of ["999993653", "111222333", "123456782"]) expect(bsnCheckDigit(bsn.slice(0, 8))).toBe(Number(bsn[8]));
    for (let n = 10_000_000; n < 10_002_000; n++) {
      const eight = String(n);
      const d9 = bsnCheckDigit(eight);
      const valid = Array.from({ length: 10 }, (_, d) => d).filter((d) => isValidBsn(eight + d));
      expect(valid).toEqual(d9 === undefined ? [] : [d9]);
    }
    for (const bad of ["00000000", "1234567", "123456789", "1234567a"]) expect(bsnCheckDigit(bad)).toBeUndefined();
  });
  it("masks all but the last three digits", () => {
    expect(maskBsn("999993653")).toBe("******653");
  });
});

describe("URA", () => {
  it("is one to eight digits", () => {
    expect(isValidUra("87654321")).toBe(true);
    expect(isValidUra("1")).toBe(true);
    expect(isValidUra("123456789")).toBe(false);
    expect(isValidUra("12a")).toBe(false);
  });
});
