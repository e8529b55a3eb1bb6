import { describe, expect, it } from "vitest";
import { pseudonymise, shardOf } from "../src/identifiers/pseudonym";

const KEY = "test-pseudonym-key-0123456789";

describe("BSN pseudonyms", () => {
  it("are stable for one key and differ between keys and BSNs", async () => {
    const a = await pseudonymise("999993653", KEY);
    expect(a).toMatch(/^[0-9a-f]{64}$/);
    expect(await pseudonymise("999993653", KEY)).toBe(a);
    expect(await pseudonymise("999993653", KEY + "x")).not.toBe(a);
    expect(await pseudonymise("111222333", KEY)).not.toBe(a);
    expect(a).not.toContain("999993653");
  });
  it("refuse a missing or short key", async () => {
    await expect(pseudonymise("999993653", "")).rejects.toThrow(/PSEUDONYM_KEY/);
    await expect(pseudonymise("999993653", "short")).rejects.toThrow(/PSEUDONYM_KEY/);
  });
  it("spread over shards within range", async () => {
    const counts = new Array(16).fill(0);
    for (let i = 0; i < 800; i++) counts[shardOf(await pseudonymise(String(100000000 + i), KEY), 16)]++;
    expect(counts.every((n) => n > 20)).toBe(true);
    expect(() => shardOf("ab", 0)).toThrow();
  });
});
