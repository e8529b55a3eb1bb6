/**
 * What the FHIR side does with Subscription, as a CapabilityStatement.rest.resource entry (R4), for the
 * CapabilityStatement of GET /fhir/metadata to include.
 */
export const SUBSCRIPTION_CAPABILITY = {
  type: "Subscription",
  documentation:
    "Mitz-style OTV subscriptions: status 'requested', reason 'OTV', criteria Consent?_query=otv&patientid={BSN}&providerid={URA}&providertype={organisation type}, " +
    "channel.type 'rest-hook'. Creating answers 202 (a duplicate answers 200 with the existing one). When the patient's consent changes, the endpoint receives a " +
    "transaction Bundle of Consent + Patient + Organization, at least once, retried with backoff; after the last retry the subscription's status is 'error'.",
  interaction: [
    { code: "create", documentation: "202 Accepted with the Subscription and its Location; 200 with the existing one for a duplicate" },
    { code: "read", documentation: "Own subscriptions only: status and the last delivery error" },
    { code: "search-type", documentation: "Own subscriptions only, paged (_count, next link)" },
    { code: "delete", documentation: "Own subscriptions only; nothing is sent for it afterwards" },
  ],
  versioning: "no-version",
  readHistory: false,
  updateCreate: false,
  conditionalCreate: false,
  conditionalUpdate: false,
  conditionalDelete: "not-supported",
  searchParam: [
    { name: "_count", type: "number", documentation: "Page size, at most 500 (default 100)" },
    { name: "_cursor", type: "string", documentation: "Continuation from the next link" },
  ],
} as const;
