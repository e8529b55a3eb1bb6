/**
 * The CKAN "sync listing": what ckanext-harvest's CKAN harvester asks to mirror a CKAN site, read straight from D1
 * in a stable order, withdrawn datasets included. Pure parsing here; the query is in storage/sync-repo.ts.
 *
 * ckanext-harvest (harvesters/ckanharvester.py, gather_stage/_search_for_datasets) pages
 * `package_search?rows=100&start=N&sort=id asc`, adding `fq=metadata_modified:[<last job - 1h>Z TO *]` once a job
 * has succeeded, plus `organization:a OR organization:b`, `-organization:x`, `groups:g`, `-groups:g` terms from
 * its source configuration, joined by spaces; it stops at the first empty page and imports each result with
 * package_create/package_update. A withdrawn dataset is returned as a package with `state: "deleted"`, which
 * package_update applies as a deletion.
 */
import type { CkanPackage } from "@regie/shared/contracts/catalogue";
import { CkanQueryError } from "./package";

export interface SyncFilter {
  /** inclusive ISO bounds on metadata_modified (dct:modified, or the time of withdrawal) */
  modifiedFrom?: string;
  modifiedTo?: string;
  organizations: string[];
  excludeOrganizations: string[];
  /** CKAN groups = EU data themes */
  groups: string[];
  excludeGroups: string[];
  /** any metadata_modified range was given: the incremental form */
  incremental: boolean;
}

const SYNC_SORTS = new Set(["id asc", "name asc"]);
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:?\d{2})?)?$/;
const TOKEN = /\s*(-?)([A-Za-z_]+):(\[[^\]]*\]|"[^"]*"|[^\s"[]+)|\s*(\*:\*|OR|AND)(?=\s|$)|\s*(\S+)/gy;

/** Is this search a sync listing (sort by id/name, or a metadata_modified range in fq)? */
export function isSyncListing(sort: string | undefined, fqs: string[]): boolean {
  const s = (sort ?? "").trim().toLowerCase().replace(/\s+/g, " ");
  return SYNC_SORTS.has(s) || fqs.some((fq) => /(^|[\s(+])metadata_modified:\[/.test(fq));
}

function bound(raw: string, which: "from" | "to"): string | undefined {
  if (raw === "*") return undefined;
  if (!ISO.test(raw)) throw new CkanQueryError(`metadata_modified ${which} must be * or an ISO 8601 date-time, not ${raw.slice(0, 40)}`);
  // Python's isoformat() gives microseconds; stored times are whole seconds: keep the comparison lexical.
  return raw.replace(/\.\d+/, "");
}

/** Parses the fq terms of a sync listing. Throws CkanQueryError for a term it cannot honour (never ignores one). */
export function parseSyncFilter(fqs: string[], q: string | undefined): SyncFilter {
  if (q && q.trim() && q.trim() !== "*:*") throw new CkanQueryError("q is not supported with sort=id asc or a metadata_modified range; use fq");
  const f: SyncFilter = { organizations: [], excludeOrganizations: [], groups: [], excludeGroups: [], incremental: false };
  for (const fq of fqs) {
    TOKEN.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = TOKEN.exec(fq))) {
      if (m[4] !== undefined) continue; // *:*, OR, AND: positive terms of one field are ORed, fields ANDed
      if (m[5] !== undefined) throw new CkanQueryError(`unsupported fq term ${m[5].slice(0, 50)}`);
      const [, neg, field, rawValue] = m as unknown as [string, string, string, string];
      const value = rawValue.startsWith('"') ? rawValue.slice(1, -1) : rawValue;
      if (field === "metadata_modified") {
        const range = /^\[(\S+) TO (\S+)\]$/.exec(value);
        if (!range || neg) throw new CkanQueryError("metadata_modified takes a range [from TO to]");
        f.modifiedFrom = bound(range[1]!, "from");
        f.modifiedTo = bound(range[2]!, "to");
        f.incremental = true;
      } else if (field === "organization" || field === "owner_org") {
        (neg ? f.excludeOrganizations : f.organizations).push(value);
      } else if (field === "groups") {
        (neg ? f.excludeGroups : f.groups).push(value);
      } else {
        throw new CkanQueryError(
          `unsupported field ${field.slice(0, 50)} with sort=id asc or a metadata_modified range (use organization, groups, metadata_modified)`,
        );
      }
    }
  }
  return f;
}

export interface Tombstone {
  id: string;
  iri: string;
  deletedAt: string;
  publisherId: string | null;
}

/** A withdrawn dataset as CKAN shows one: its id and name, `state: "deleted"`, withdrawn at metadata_modified. */
export function deletedCkanPackage(t: Tombstone): CkanPackage {
  const org = t.publisherId ?? "";
  return {
    id: t.id,
    name: t.id,
    title: "",
    notes: "",
    url: t.iri,
    metadata_modified: t.deletedAt,
    owner_org: org,
    organization: { id: org, name: org, title: org },
    state: "deleted",
    tags: [],
    groups: [],
    resources: [],
    num_resources: 0,
    extras: [{ key: "uri", value: t.iri }],
  };
}
