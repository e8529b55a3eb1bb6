/**
 * The cohort filter of an approved application: asks the consent service (service binding CONSENT,
 * POST /v1/secondary-use/cohort-filter, through the shared consent client) which BSNs may be included,
 * forwarding the HDAB's own token. An outage or an answer we cannot read is a clean 503; BSNs are never logged
 * or echoed in errors.
 */
import { ApiError } from "@regie/shared";
import { ConsentClientError, createConsentClient } from "@regie/shared/clients/consent";
import { UnexpectedResponseError } from "@regie/shared/clients/response";
import type { CohortFilterResponse } from "@regie/shared/contracts/consent";

export async function filterCohort(consent: Fetcher, authorization: string, bsns: string[], permitApprovedAt: string): Promise<CohortFilterResponse> {
  const client = createConsentClient({
    baseUrl: "https://consent.internal",
    token: authorization.replace(/^Bearer\s+/i, ""),
    fetcher: { fetch: (input, init) => consent.fetch(input as string, init) },
  });
  try {
    return await client.cohortFilter({ bsns, permitApprovedAt });
  } catch (err) {
    if (err instanceof UnexpectedResponseError) throw new ApiError("SERVICE_UNAVAILABLE", "The consent service gave an answer that could not be read");
    if (!(err instanceof ConsentClientError)) throw new ApiError("SERVICE_UNAVAILABLE", "The consent service cannot be reached; try again later");
    if (err.status === 401 || err.status === 403) throw new ApiError("FORBIDDEN", "The consent service did not accept your token for the cohort filter");
    if (err.status === 400) throw new ApiError("BAD_REQUEST", "The consent service rejected the cohort (check that every entry is a valid BSN)");
    throw new ApiError("SERVICE_UNAVAILABLE", `The consent service is unavailable (status ${err.status}); try again later`);
  }
}
