/** The address book's record of one organisation, and the pure helpers around it (folding, canonical hash). */
import { categoryOf, organisationType, type ProviderCategory } from "@regie/shared";
import type { DirectoryOrganisation, OrganisationEndpoint } from "@regie/shared/contracts/consent";
import { foldText } from "@regie/shared/text/fold";

export type { OrganisationRecord } from "./record";
import type { OrganisationRecord } from "./record";

/** What D1 holds per organisation (migrations 0002 and 0030). */
export interface OrganisationRow {
  ura: string;
  name: string;
  organization_type: string;
  category: string;
  place: string | null;
  active: number;
  endpoints: string;
  content_hash: string;
  updated_at: number;
}

export const categoryFor = (type: string): ProviderCategory => categoryOf(type) ?? "overig";

/** A stable text of everything the record says, so that loading the same organisation twice writes nothing. */
export function canonical(r: OrganisationRecord): string {
  const endpoints = [...r.endpoints].sort((a, b) => a.id.localeCompare(b.id)).map((e) => [e.id, e.purpose, e.address, e.connectionType, e.status, e.name]);
  return JSON.stringify([r.ura, r.name, r.organizationType, r.place, r.active, endpoints]);
}

export async function contentHash(r: OrganisationRecord): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(canonical(r)));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export function searchColumns(r: Pick<OrganisationRecord, "name" | "place">): { searchName: string; searchPlace: string } {
  return { searchName: foldText(r.name), searchPlace: foldText(r.place ?? "") };
}

export function fromRow(row: OrganisationRow): DirectoryOrganisation {
  return {
    ura: row.ura,
    name: row.name,
    organizationType: row.organization_type,
    organizationTypeDisplay: organisationType(row.organization_type)?.display ?? null,
    category: categoryFor(row.organization_type),
    place: row.place,
    active: row.active === 1,
    endpoints: JSON.parse(row.endpoints) as OrganisationEndpoint[],
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}
