/** One organisation as the address book stores it (a file of its own so the benchmark can import it without the worker runtime). */
import type { OrganisationEndpoint } from "@regie/shared/contracts/consent/address-book";

export interface OrganisationRecord {
  ura: string;
  name: string;
  organizationType: string;
  place: string | null;
  active: boolean;
  endpoints: OrganisationEndpoint[];
  /** the Organization's id at the source (not part of the content hash) */
  sourceId?: string | null;
}
