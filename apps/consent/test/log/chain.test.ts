import { describe, expect, it } from "vitest";
import { canonical, entryHash, GENESIS_HASH, verifyChain, type ChainedEntry, type LogContent } from "../../src/log/chain";
import { sha256Hex } from "../../src/log/sha256";

async function subtleHex(text: string): Promise<string> {
  const buf = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

describe("synchronous sha256", () => {
  it("matches the FIPS test vectors", () => {
    expect(sha256Hex("")).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(sha256Hex("abc")).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  });

  it("matches WebCrypto on texts of many lengths, including non-ASCII", async () => {
    for (const len of [1, 55, 56, 63, 64, 65, 119, 120, 1000]) {
      const text = "é€x".repeat(len).slice(0, len);
      expect(sha256Hex(text)).toBe(await subtleHex(text));
    }
  });
});

function content(i: number): LogContent {
  return {
    citizen: "p".repeat(64),
    eventId: `e${i}`,
    action: "consent-check",
    at: `2026-01-01T00:00:0${i}.000Z`,
    outcome: "deny",
    actorRole: "provider",
    actorUra: "00003003",
    actorOrgType: "J8",
    actorUziRole: null,
    holderUra: "00001001",
    purpose: "TREAT",
    dataCategories: ["GGC002"],
    emergency: false,
  };
}

function chain(k: number): ChainedEntry[] {
  const out: ChainedEntry[] = [];
  let prev = GENESIS_HASH;
  for (let i = 0; i < k; i++) {
    const c = content(i);
    const hash = entryHash(prev, c);
    out.push({ ...c, seq: i + 1, prevHash: prev, hash });
    prev = hash;
  }
  return out;
}

describe("access-log hash chain", () => {
  it("verifies an intact chain (and an empty one)", () => {
    expect(verifyChain(chain(5))).toEqual({ valid: true, entries: 5, firstInvalidSeq: null });
    expect(verifyChain([])).toEqual({ valid: true, entries: 0, firstInvalidSeq: null });
  });

  it("detects an edited field", () => {
    const c = chain(5);
    c[2] = { ...c[2]!, outcome: "permit" };
    expect(verifyChain(c)).toEqual({ valid: false, entries: 5, firstInvalidSeq: 3 });
  });

  it("detects a removed entry and a reordering", () => {
    const c = chain(5);
    expect(verifyChain([c[0]!, c[2]!, c[3]!]).firstInvalidSeq).toBe(3);
    expect(verifyChain([c[1]!, c[0]!]).firstInvalidSeq).toBe(2);
  });

  it("detects an entry whose own hash was recomputed after an edit (the next link breaks)", () => {
    const c = chain(4);
    const edited = { ...c[1]!, emergency: true };
    edited.hash = entryHash(edited.prevHash, edited);
    c[1] = edited;
    expect(verifyChain(c).firstInvalidSeq).toBe(3);
  });

  it("entries without the later fields (on whose behalf, professional) hash exactly as before they existed; with them, every one is covered", () => {
    const c = content(1);
    const before = JSON.stringify([
      c.citizen,
      c.eventId,
      c.action,
      c.at,
      c.outcome,
      c.actorRole,
      c.actorUra,
      c.actorOrgType,
      c.actorUziRole,
      c.holderUra,
      c.purpose,
      c.dataCategories,
      c.emergency,
    ]);
    expect(canonical(c)).toBe(before);
    expect(canonical({ ...c, onBehalfOfUra: null, professionalUzi: null })).toBe(before);
    const full = {
      ...c,
      onBehalfOfUra: "00002002",
      onBehalfOfOrgType: "V6",
      professionalUzi: "000095254",
      professionalRole: "01.015",
      mandatedByUzi: "000012345",
    };
    for (const key of ["onBehalfOfUra", "onBehalfOfOrgType", "professionalUzi", "professionalRole", "mandatedByUzi"] as const) {
      expect(entryHash(GENESIS_HASH, { ...full, [key]: "x" })).not.toBe(entryHash(GENESIS_HASH, full));
    }
  });
});

describe("break-the-glass in the hashed form (shard migration v5)", () => {
  it("an entry without it hashes exactly as before; with it, flag and reason are hashed", () => {
    const old = content(1);
    expect(canonical({ ...old, breakTheGlass: false, emergencyReason: null })).toBe(canonical(old));
    const btg = { ...old, action: "emergency-access", breakTheGlass: true, emergencyReason: "unconscious patient" };
    expect(JSON.parse(canonical(btg)).at(-1)).toEqual([true, "unconscious patient"]);
    const hash = entryHash(GENESIS_HASH, btg);
    const entry: ChainedEntry = { ...btg, seq: 1, prevHash: GENESIS_HASH, hash };
    expect(verifyChain([entry]).valid).toBe(true);
    // changing the reason, or dropping the flag, breaks the chain
    expect(verifyChain([{ ...entry, emergencyReason: "routine visit" }]).valid).toBe(false);
    expect(verifyChain([{ ...entry, breakTheGlass: false }]).valid).toBe(false);
  });
});
