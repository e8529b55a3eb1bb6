/** The address-book tests' Bundles (mCSD-shaped, from @regie/shared/testing) and the operator's load of one. */
import { env } from "cloudflare:test";
import { mintToken } from "@regie/shared/testing/tokens";
import { call } from "../helpers";

export { URA_SYSTEM as URA } from "@regie/shared";
export { ORGANISATION_TYPE_SYSTEM as TYPE_SYSTEM, orgEntries, addressBookBundle as bundle, type OrgSpec } from "@regie/shared/testing";

export const operatorToken = () => mintToken(env, { role: "operator", sub: "ops-test" });

/** The operator's load of an address-book body (a Bundle, or anything else to see it refused): POST /v1/operator/address-book. */
export const loadAddressBook = async (body: unknown) => call("POST", "/v1/operator/address-book", await operatorToken(), body);
