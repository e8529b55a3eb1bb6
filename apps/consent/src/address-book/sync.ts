/**
 * The scheduled sync (Cron Trigger, `scheduled` in src/index.ts): asks the configured source for what changed since
 * the last run (`GET {source}/_history?_since=…`, IHE mCSD's update pattern, following `next` links on the same
 * origin) and loads it like the operator route does. Outbound calls go through the shared guard (https to public
 * hosts only in production, http://localhost too in development), time out after `timeoutMs`, never follow
 * redirects. `_since` moves on only after a page set loaded completely, so a failed run is retried from where the
 * last good one stopped (loading is idempotent).
 *
 * Limits: at most `maxPages` pages (default 20) of at most 8 MB each per run; each page is parsed and written before
 * the next is fetched, so memory holds one page (≈ 8 MB of JSON at most, far below 128 MB).
 */
import { fetchOutbound, OutboundError, type OutboundMode } from "@regie/shared/http/outbound-fetch";
import type { AddressBookReport, AddressBookSyncState } from "@regie/shared/contracts/consent";
import { loadBundle } from "./load";

export const MAX_PAGE_BYTES = 8 * 1024 * 1024;

export interface SyncOptions {
  source: string;
  mode: OutboundMode;
  now?: () => number;
  fetcher?: typeof fetch;
  timeoutMs?: number;
  maxPages?: number;
}

export const syncEnabled = (source: string | undefined): source is string => !!source && source !== "off";

interface SyncRow {
  source: string;
  last_since: string | null;
  last_run_at: number | null;
  last_report: string | null;
  last_error: string | null;
}

export async function syncState(db: D1Database, source: string): Promise<AddressBookSyncState> {
  if (!syncEnabled(source)) return { source: null, lastSince: null, lastRunAt: null, lastReport: null, lastError: null };
  const row = await db.prepare("SELECT * FROM address_book_sync WHERE source = ?").bind(source).first<SyncRow>();
  return {
    source,
    lastSince: row?.last_since ?? null,
    lastRunAt: row?.last_run_at ? new Date(row.last_run_at).toISOString() : null,
    lastReport: row?.last_report ? (JSON.parse(row.last_report) as AddressBookReport) : null,
    lastError: row?.last_error ?? null,
  };
}

function merge(a: AddressBookReport, b: AddressBookReport): AddressBookReport {
  return {
    added: [...a.added, ...b.added],
    changed: [...a.changed, ...b.changed],
    unchanged: a.unchanged + b.unchanged,
    deactivated: [...a.deactivated, ...b.deactivated],
    rejected: [...a.rejected, ...b.rejected],
  };
}

async function readPage(url: string, opts: SyncOptions): Promise<Record<string, unknown>> {
  const res = await fetchOutbound(url, {
    mode: opts.mode,
    timeoutMs: opts.timeoutMs ?? 10_000,
    fetcher: opts.fetcher,
    headers: { accept: "application/fhir+json, application/json" },
  });
  if (!res.ok) {
    await res.body?.cancel();
    throw new OutboundError(`${url} answered ${res.status}`);
  }
  const declared = Number(res.headers.get("content-length") ?? "0");
  if (declared > MAX_PAGE_BYTES) {
    await res.body?.cancel();
    throw new OutboundError(`${url}: page larger than ${MAX_PAGE_BYTES} bytes`);
  }
  const text = await res.text();
  if (text.length > MAX_PAGE_BYTES) throw new OutboundError(`${url}: page larger than ${MAX_PAGE_BYTES} bytes`);
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    throw new OutboundError(`${url} did not answer JSON`);
  }
}

/** One sync run. Returns the merged report; records the outcome (or the error) in address_book_sync. */
export async function runSync(db: D1Database, opts: SyncOptions): Promise<AddressBookReport> {
  const now = opts.now ?? Date.now;
  const started = now();
  const row = await db.prepare("SELECT * FROM address_book_sync WHERE source = ?").bind(opts.source).first<SyncRow>();
  const base = opts.source.replace(/\/$/, "");
  let url: string | null = `${base}/_history` + (row?.last_since ? `?_since=${encodeURIComponent(row.last_since)}` : "");
  let report: AddressBookReport = { added: [], changed: [], unchanged: 0, deactivated: [], rejected: [] };
  try {
    const origin = new URL(base).origin;
    for (let page = 0; url && page < (opts.maxPages ?? 20); page++) {
      const bundle = await readPage(url, opts);
      if (bundle.resourceType !== "Bundle") throw new OutboundError(`${url} did not answer a FHIR Bundle`);
      // a history Bundle lists the newest version first: load oldest to newest so the newest wins
      const entries = Array.isArray(bundle.entry) ? [...(bundle.entry as unknown[])] : [];
      if (bundle.type === "history") entries.reverse();
      report = merge(report, await loadBundle(db, { ...bundle, entry: entries }, now()));
      const next = (Array.isArray(bundle.link) ? (bundle.link as { relation?: string; url?: string }[]) : []).find((l) => l.relation === "next")?.url;
      if (next && new URL(next, base).origin !== origin) throw new OutboundError(`the next link ${next} leaves the source's origin`);
      url = next ? new URL(next, base).toString() : null;
    }
    const since = new Date(started).toISOString();
    await db
      .prepare(
        "INSERT INTO address_book_sync (source, last_since, last_run_at, last_report, last_error) VALUES (?1, ?2, ?3, ?4, NULL) ON CONFLICT (source) DO UPDATE SET last_since = ?2, last_run_at = ?3, last_report = ?4, last_error = NULL",
      )
      .bind(opts.source, url ? (row?.last_since ?? null) : since, now(), JSON.stringify(report))
      .run();
    return report;
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    await db
      .prepare(
        "INSERT INTO address_book_sync (source, last_since, last_run_at, last_report, last_error) VALUES (?1, ?2, ?3, NULL, ?4) ON CONFLICT (source) DO UPDATE SET last_run_at = ?3, last_error = ?4",
      )
      .bind(opts.source, row?.last_since ?? null, now(), message)
      .run();
    throw err;
  }
}
