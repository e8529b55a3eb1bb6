/** The address-book tests' Bundles (mCSD-shaped, from @regie/shared/testing) and the operator's load of one. */
import { env } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import type { OrgSpec } from "@regie/shared/testing";
import { call } from "../helpers";

export { URA_SYSTEM as URA } from "@regie/shared";
export { ORGANISATION_TYPE_SYSTEM as TYPE_SYSTEM, orgEntries, addressBookBundle as bundle, type OrgSpec } from "@regie/shared/testing";

type Endpoint = NonNullable<OrgSpec["endpoints"]>[number];

/** One organisation of a test Bundle on one line: its resource id, URA, name, organisation type, place (optional) and endpoints (optional). */
export const org = (id: string, ura: string, name: string, type: string, city?: string, endpoints?: Endpoint[]): OrgSpec => ({
  id,
  ura,
  name,
  type,
  ...(city === undefined ? {} : { city }),
  ...(endpoints === undefined ? {} : { endpoints }),
});

export const operatorToken = () => mintToken(env, { role: "operator", sub: "ops-test" });

/** An organisation's row as the address book stored it (null when it was never loaded). */
export const storedOrganisation = (ura: string) =>
  env.DB.prepare("SELECT name, place, active, endpoints, updated_at FROM organisations WHERE ura = ?")
    .bind(ura)
    .first<{ name: string; place: string; active: number; endpoints: string; updated_at: number }>();

/** The operator's load of an address-book body (a Bundle, or anything else to see it refused): POST /v1/operator/address-book. */
export const loadAddressBook = async (body: unknown) => call("POST", "/v1/operator/address-book", await operatorToken(), body);
