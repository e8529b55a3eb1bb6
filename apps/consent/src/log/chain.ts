/**
 * NEN 7513 access-log entries and their hash chain (pure). Each entry stores the hash of the citizen's previous
 * entry and its own hash over (previous hash + canonical content), so removing, reordering or editing any entry
 * breaks verification from that entry on.
 */
import { sha256Hex } from "./sha256";

export const GENESIS_HASH = "0".repeat(64);

export interface LogContent {
  citizen: string;
  eventId: string;
  action: string;
  at: string;
  outcome: string;
  actorRole: string;
  actorUra: string | null;
  actorOrgType: string | null;
  actorUziRole: string | null;
  holderUra: string | null;
  purpose: string | null;
  dataCategories: string[];
  emergency: boolean;
}

export interface ChainedEntry extends LogContent {
  seq: number;
  prevHash: string;
  hash: string;
}

export function canonical(e: LogContent): string {
  return JSON.stringify([
    e.citizen, e.eventId, e.action, e.at, e.outcome, e.actorRole, e.actorUra, e.actorOrgType, e.actorUziRole,
    e.holderUra, e.purpose, e.dataCategories, e.emergency,
  ]);
}

export function entryHash(prevHash: string, e: LogContent): string {
  return sha256Hex(prevHash + "\n" + canonical(e));
}

/** Verifies a citizen's chain in order; returns the seq of the first entry that does not verify. */
export function verifyChain(entries: readonly ChainedEntry[]): { valid: boolean; entries: number; firstInvalidSeq: number | null } {
  let prev = GENESIS_HASH;
  for (const e of entries) {
    if (e.prevHash !== prev || entryHash(prev, e) !== e.hash) return { valid: false, entries: entries.length, firstInvalidSeq: e.seq };
    prev = e.hash;
  }
  return { valid: true, entries: entries.length, firstInvalidSeq: null };
}
