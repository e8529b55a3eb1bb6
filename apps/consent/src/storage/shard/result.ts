/** What the shard's operations take and give back over RPC: who acts, write options, and expected failures as values. */
import type { ErrorCode } from "@regie/shared";

/** Who performs an operation (never a BSN: the citizen is always a pseudonym). */
export interface Actor {
  role: "citizen" | "guardian" | "provider" | "hdab" | "system";
  ura?: string;
  organizationType?: string;
  uziRole?: string;
}

/** A provider acting as itself (from its token): URA and organisation type are known. */
export type ProviderActor = Actor & { ura: string; organizationType: string };

/** Expected failures travel as values over RPC; anything thrown is an infrastructure failure (503). */
export type ShardResult<T> = { ok: true; value: T } | { ok: false; code: ErrorCode; detail: string };

export interface WriteOptions {
  /** Scope-qualified idempotency key (same key -> same stored response, nothing created twice). */
  idempotencyKey?: string;
  /** The subject is under 16 and records for themselves (or a provider does): a guardian must confirm. */
  pending?: boolean;
}

export function ok<T>(value: T): ShardResult<T> {
  return { ok: true, value };
}

export function fail<T>(code: ErrorCode, detail: string): ShardResult<T> {
  return { ok: false, code, detail };
}
