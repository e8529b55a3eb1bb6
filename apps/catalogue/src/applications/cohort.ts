/**
 * The cohort filter of an approved application: asks the consent service (service binding CONSENT,
 * POST /v1/secondary-use/cohort-filter) which BSNs may be included, forwarding the HDAB's own token.
 * An outage or an answer we cannot read is a clean 503; BSNs are never logged or echoed in errors.
 */
import { ApiError } from "@regie/shared";
import { CohortFilterResponse } from "@regie/shared/contracts/catalogue";

export async function filterCohort(consent: Fetcher, authorization: string, bsns: string[], permitApprovedAt: string) {
  let res: Response;
  try {
    res = await consent.fetch("https://consent.internal/v1/secondary-use/cohort-filter", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json", authorization },
      body: JSON.stringify({ bsns, permitApprovedAt }),
    });
  } catch {
    throw new ApiError("SERVICE_UNAVAILABLE", "The consent service cannot be reached; try again later");
  }
  if (res.status === 401 || res.status === 403) {
    throw new ApiError("FORBIDDEN", "The consent service did not accept your token for the cohort filter");
  }
  if (res.status === 400) throw new ApiError("BAD_REQUEST", "The consent service rejected the cohort (check that every entry is a valid BSN)");
  if (!res.ok) throw new ApiError("SERVICE_UNAVAILABLE", `The consent service is unavailable (status ${res.status}); try again later`);
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new ApiError("SERVICE_UNAVAILABLE", "The consent service gave an answer that could not be read");
  }
  const parsed = CohortFilterResponse.safeParse(body);
  if (!parsed.success) throw new ApiError("SERVICE_UNAVAILABLE", "The consent service gave an answer that could not be read");
  return parsed.data;
}
