/** A choice version as stored in a shard's `choices` table, and what the API and the decision engine make of it. */
import type { Choice, Party } from "@regie/shared/contracts/consent";
import type { EvaluableChoice } from "../decision/evaluate";

export interface ChoiceRow {
  seq: number;
  id: string;
  version: number;
  holder_kind: string;
  holder_value: string;
  requester_kind: string;
  requester_value: string;
  data_category: string;
  decision: "permit" | "deny";
  valid_until: number | null;
  status: "active" | "pending" | "withdrawn";
  temporary: number;
  recorded_role: string;
  recorded_ura: string | null;
  recorded_org_type: string | null;
  channel: "portal" | "provider";
  change: "created" | "changed" | "withdrawn" | "confirmed";
  created_at: number;
  at: number;
}

/** The current version of a choice, ready for evaluation. */
export interface Effective extends EvaluableChoice {
  row: ChoiceRow;
}

export function party(kind: string, value: string): Party {
  return kind === "ura" ? { ura: value } : ({ category: value } as Party);
}

export function toChoice(r: ChoiceRow): Choice {
  return {
    id: r.id,
    version: r.version,
    holder: party(r.holder_kind, r.holder_value),
    requester: party(r.requester_kind, r.requester_value),
    dataCategory: r.data_category,
    decision: r.decision,
    validUntil: r.valid_until === null ? null : new Date(r.valid_until).toISOString(),
    status: r.status,
    temporary: r.temporary === 1,
    recordedBy: {
      role: r.recorded_role as Choice["recordedBy"]["role"],
      ...(r.recorded_ura ? { ura: r.recorded_ura } : {}),
      ...(r.recorded_org_type ? { organizationType: r.recorded_org_type } : {}),
    },
    channel: r.channel,
    createdAt: new Date(r.created_at).toISOString(),
    updatedAt: new Date(r.at).toISOString(),
  };
}

export function toEffective(r: ChoiceRow): Effective {
  return {
    id: r.id,
    holder: party(r.holder_kind, r.holder_value),
    requester: party(r.requester_kind, r.requester_value),
    dataCategory: r.data_category,
    decision: r.decision,
    validUntil: r.valid_until,
    status: r.status,
    temporary: r.temporary === 1,
    row: r,
  };
}

/** The two columns (kind, value) a party is stored in. */
export function partyColumns(p: Party): [string, string] {
  return "ura" in p ? ["ura", p.ura] : ["category", p.category];
}

/** `validUntil` of a choice as stored: epoch ms, exclusive; a bare date means "until the end of that day" (UTC). */
export function parseValidUntil(v: string | null | undefined): number | null {
  if (v === null || v === undefined) return null;
  // a bare date means "until the end of that day" (exclusive end: the next midnight UTC)
  return /^\d{4}-\d{2}-\d{2}$/.test(v) ? Date.parse(v + "T00:00:00Z") + 24 * 3600 * 1000 : Date.parse(v);
}
