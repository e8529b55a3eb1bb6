/**
 * A ZORG-AB / IHE mCSD export (a FHIR Bundle of Organization, Location and Endpoint; a `_history` Bundle too) as
 * complete organisation records (pure). All or nothing per organisation: an Organization whose own fields, or any of
 * whose Locations or Endpoints, are invalid is rejected whole, with every reason; the others load.
 *
 * Mapping: the URA is the identifier with system http://fhir.nl/fhir/NamingSystem/ura; the organisation type the
 * `type` coding of the Nictiz list (urn:oid:2.16.840.1.113883.2.4.15.1060 or the ZIB naming system); the place the
 * city of its first active Location (`managingOrganization`), else of its own address; endpoints those it refers to
 * (`Organization.endpoint`) or that name it (`Endpoint.managingOrganization`). `active: false` or a DELETE entry
 * closes the organisation (it stays resolvable, marked inactive).
 */
import { organisationType, URA_SYSTEM, isValidUra } from "@regie/shared";
import type { EndpointPurpose, OrganisationEndpoint } from "@regie/shared/contracts/consent";
import type { OrganisationRecord } from "./model";

export const ORGANISATION_TYPE_SYSTEMS = ["urn:oid:2.16.840.1.113883.2.4.15.1060", "http://nictiz.nl/fhir/NamingSystem/organization-type"];
export const ENDPOINT_PURPOSE_SYSTEM = "https://regie.nl/fhir/CodeSystem/endpoint-purpose";
const ENDPOINT_STATUSES = new Set(["active", "suspended", "error", "off", "entered-in-error", "test"]);
const MAX_NAME = 300;

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string | undefined => (typeof v === "string" && v.trim() ? v.trim() : undefined);

export interface Rejection {
  ura: string | null;
  resource: string;
  reasons: string[];
}

export interface ParsedBundle {
  records: OrganisationRecord[];
  /** source ids of Organizations deleted at the source (history DELETE entries) */
  deletedSourceIds: string[];
  rejected: Rejection[];
}

interface Entry {
  resource: Json;
  keys: string[];
}

function codings(concepts: unknown): Json[] {
  return arr(concepts).flatMap((c) => (isObj(c) ? arr(c.coding).filter(isObj) : []));
}

function endpointPurpose(e: Json): EndpointPurpose {
  const payload = codings(e.payloadType);
  const own = payload.find((c) => c.system === ENDPOINT_PURPOSE_SYSTEM && (c.code === "fhir-base" || c.code === "notification"));
  if (own) return own.code as EndpointPurpose;
  if (payload.some((c) => /notif/i.test(String(c.code ?? "")))) return "notification";
  const connection = isObj(e.connectionType) ? str(e.connectionType.code) : undefined;
  return connection === "hl7-fhir-rest" ? "fhir-base" : "other";
}

function parseEndpoint(e: Json, reasons: string[]): OrganisationEndpoint | null {
  const id = str(e.id);
  const at = `Endpoint/${id ?? "?"}`;
  const before = reasons.length;
  if (!id || !/^[A-Za-z0-9\-.]{1,64}$/.test(id)) reasons.push(`${at}: id must be 1–64 letters, digits, '-' or '.'`);
  const status = str(e.status);
  if (!status || !ENDPOINT_STATUSES.has(status)) reasons.push(`${at}: status must be one of ${[...ENDPOINT_STATUSES].join(", ")}`);
  const address = str(e.address);
  let url: URL | null = null;
  try {
    url = address ? new URL(address) : null;
  } catch {
    url = null;
  }
  if (!url || (url.protocol !== "https:" && url.protocol !== "http:")) reasons.push(`${at}: address must be an absolute http(s) URL`);
  const connectionType = isObj(e.connectionType) ? str(e.connectionType.code) : undefined;
  if (!connectionType) reasons.push(`${at}: connectionType.code is required`);
  if (reasons.length > before) return null;
  return {
    id: id!,
    purpose: endpointPurpose(e),
    address: address!,
    connectionType: connectionType!,
    status: status as OrganisationEndpoint["status"],
    name: str(e.name) ?? null,
  };
}

function refKey(ref: unknown): string | undefined {
  return isObj(ref) ? str(ref.reference) : undefined;
}

/** Splits a Bundle into complete organisation records, deletions and rejections. */
export function parseAddressBookBundle(bundle: unknown): ParsedBundle {
  const out: ParsedBundle = { records: [], deletedSourceIds: [], rejected: [] };
  if (!isObj(bundle) || bundle.resourceType !== "Bundle") {
    out.rejected.push({ ura: null, resource: "Bundle", reasons: ["the body must be a FHIR Bundle"] });
    return out;
  }
  const orgs: Entry[] = [];
  const locations: Json[] = [];
  const endpoints = new Map<string, Json>();
  const endpointsByOrg = new Map<string, Json[]>();
  for (const raw of arr(bundle.entry)) {
    if (!isObj(raw)) continue;
    const request = isObj(raw.request) ? raw.request : undefined;
    if (request?.method === "DELETE") {
      const m = /^(?:.*\/)?Organization\/([A-Za-z0-9\-.]{1,64})(?:\/_history\/.*)?$/.exec(String(request.url ?? ""));
      if (m) out.deletedSourceIds.push(m[1]!);
      continue;
    }
    const r = raw.resource;
    if (!isObj(r)) continue;
    const id = str(r.id);
    const keys = [id && `${String(r.resourceType)}/${id}`, str(raw.fullUrl)].filter((k): k is string => !!k);
    if (r.resourceType === "Organization") orgs.push({ resource: r, keys });
    else if (r.resourceType === "Location") locations.push(r);
    else if (r.resourceType === "Endpoint") {
      for (const k of keys) endpoints.set(k, r);
      const owner = refKey(r.managingOrganization);
      if (owner) endpointsByOrg.set(owner, [...(endpointsByOrg.get(owner) ?? []), r]);
    }
    // other resource types (OrganizationAffiliation, HealthcareService, …) are not part of this address book
  }
  const placeByOrg = new Map<string, string>();
  for (const l of locations) {
    const owner = refKey(l.managingOrganization);
    const city = isObj(l.address) ? str(l.address.city) : undefined;
    if (owner && city && l.status !== "inactive" && !placeByOrg.has(owner)) placeByOrg.set(owner, city);
  }
  const claimed = new Set<Json>();
  for (const { resource: o, keys } of orgs) {
    const reasons: string[] = [];
    const label = `Organization/${str(o.id) ?? "?"}`;
    const ura = arr(o.identifier)
      .filter(isObj)
      .find((i) => i.system === URA_SYSTEM);
    const uraValue = ura ? str(ura.value) : undefined;
    if (!uraValue || !isValidUra(uraValue)) reasons.push(`${label}: an identifier with system ${URA_SYSTEM} and 1–8 digits is required`);
    const name = str(o.name);
    if (!name || name.length > MAX_NAME) reasons.push(`${label}: name is required (at most ${MAX_NAME} characters)`);
    const typeCoding = codings(o.type).find((c) => ORGANISATION_TYPE_SYSTEMS.includes(String(c.system)));
    const typeCode = typeCoding ? str(typeCoding.code) : undefined;
    if (!typeCode || !organisationType(typeCode))
      reasons.push(`${label}: type needs a known code of the Nictiz organisation-type list (${ORGANISATION_TYPE_SYSTEMS[0]})`);
    const mine = new Set<Json>();
    for (const ref of arr(o.endpoint)) {
      const k = refKey(ref);
      const e = k ? endpoints.get(k) : undefined;
      if (e) mine.add(e);
      else reasons.push(`${label}: endpoint ${k ?? "?"} is not in this Bundle`);
    }
    for (const k of keys) for (const e of endpointsByOrg.get(k) ?? []) mine.add(e);
    const parsed: OrganisationEndpoint[] = [];
    for (const e of mine) {
      claimed.add(e);
      const p = parseEndpoint(e, reasons);
      if (p) parsed.push(p);
    }
    const ownCity = arr(o.address)
      .filter(isObj)
      .map((a) => str(a.city))
      .find(Boolean);
    const place = keys.map((k) => placeByOrg.get(k)).find(Boolean) ?? ownCity ?? null;
    if (reasons.length) {
      out.rejected.push({ ura: uraValue && isValidUra(uraValue) ? uraValue : null, resource: label, reasons });
      continue;
    }
    out.records.push({
      ura: uraValue!,
      name: name!,
      organizationType: typeCode!,
      place,
      active: o.active !== false,
      endpoints: parsed.sort((a, b) => a.id.localeCompare(b.id)),
      sourceId: str(o.id) ?? null,
    });
  }
  for (const e of new Set(endpoints.values())) {
    if (!claimed.has(e))
      out.rejected.push({
        ura: null,
        resource: `Endpoint/${str(e.id) ?? "?"}`,
        reasons: ["its Organization is not in this Bundle (send an organisation with its Locations and Endpoints)"],
      });
  }
  return out;
}
