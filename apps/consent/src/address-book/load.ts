/** One load of a ZORG-AB / mCSD Bundle (operator route and scheduled sync): parse, resolve deletions, upsert, report. */
import type { AddressBookReport } from "@regie/shared/contracts/consent";
import { parseAddressBookBundle } from "./mcsd";
import { applyRecords, urasBySourceId } from "./store";

export async function loadBundle(db: D1Database, bundle: unknown, now: number): Promise<AddressBookReport> {
  const parsed = parseAddressBookBundle(bundle);
  const deleted = await urasBySourceId(db, parsed.deletedSourceIds);
  const applied = await applyRecords(db, parsed.records, [...deleted.values()], now);
  return { ...applied, rejected: parsed.rejected };
}
