import { describe, expect, it } from "vitest";
import { fromBase64url, fromBase64urlText, randomToken, sha256Hex, toBase64url, toHex } from "../src/util/encoding";

describe("encoding", () => {
  it("base64url round-trips bytes and text, without padding, with - and _", () => {
    const bytes = new Uint8Array([0xfb, 0xff, 0xbf, 0x00, 0x01]);
    expect(toBase64url(bytes)).toBe("-_-_AAE");
    expect([...fromBase64url("-_-_AAE")]).toEqual([...bytes]);
    expect(toBase64url('{"o":20}')).toBe("eyJvIjoyMH0");
    expect(fromBase64urlText("eyJvIjoyMH0")).toBe('{"o":20}');
    expect(fromBase64urlText(toBase64url("Zoë"))).toBe("Zoë");
  });

  it("refuses what is not base64url", () => {
    expect(() => fromBase64url("not base64!")).toThrow();
  });

  it("hex and SHA-256 hex", async () => {
    expect(toHex(new Uint8Array([0, 15, 16, 255]))).toBe("000f10ff");
    expect(toHex(new Uint8Array([1, 2]).buffer)).toBe("0102");
    expect(await sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("random tokens are 43 base64url characters for 32 bytes, and differ", () => {
    const a = randomToken();
    expect(a).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken()).not.toBe(a);
    expect(randomToken(12)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });
});
