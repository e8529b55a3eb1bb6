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
  /** the organisation the asker acted for (the requester, when the holder asked); null when for itself */
  onBehalfOfUra?: string | null;
  onBehalfOfOrgType?: string | null;
  /** the care professional (NEN 7513 user): UZI number and role, and the mandating professional's UZI number */
  professionalUzi?: string | null;
  professionalRole?: string | null;
  mandatedByUzi?: string | null;
  /** break-the-glass: the provider declared an emergency, with its reason (not a consent; `emergency` is the temporary consent) */
  breakTheGlass?: boolean;
  emergencyReason?: string | null;
}

export interface ChainedEntry extends LogContent {
  seq: number;
  prevHash: string;
  hash: string;
}

/**
 * The hashed form of an entry. The fields added later (on whose behalf, the professional; then break-the-glass) are
 * appended only when an entry has one, so entries written before they existed hash exactly as they did.
 */
export function canonical(e: LogContent): string {
  const base: unknown[] = [
    e.citizen,
    e.eventId,
    e.action,
    e.at,
    e.outcome,
    e.actorRole,
    e.actorUra,
    e.actorOrgType,
    e.actorUziRole,
    e.holderUra,
    e.purpose,
    e.dataCategories,
    e.emergency,
  ];
  const extra = [e.onBehalfOfUra ?? null, e.onBehalfOfOrgType ?? null, e.professionalUzi ?? null, e.professionalRole ?? null, e.mandatedByUzi ?? null];
  const btg = e.breakTheGlass === true;
  if (extra.some((v) => v !== null) || btg) base.push(extra);
  if (btg) base.push([true, e.emergencyReason ?? null]);
  return JSON.stringify(base);
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
