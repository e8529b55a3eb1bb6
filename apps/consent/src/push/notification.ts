/**
 * The notification a subscriber receives (pure): a FHIR R4 `transaction` Bundle of the changed `Consent` resources,
 * the `Patient` (BSN identifier) and the subscriber's `Organization` (URA, organisation type), structured as Mitz's
 * Consent-Mitz-Notify example (nuts-knooppunt component/mitz/example/example_notification_bundle.xml): the Consents
 * reference the Patient entry, the Organization is the custodian.
 *
 * Deliberate differences, because delivery is at least once: each Consent entry is a `PUT Consent/{id}` (idempotent:
 * a redelivered notification overwrites the same resource) where Mitz POSTs, and the Bundle's id is the notification
 * id, the same on every redelivery. Patient and Organization are conditional creates on their identifiers
 * (`ifNoneExist`), so applying the Bundle twice creates them once.
 */
import { BSN_SYSTEM, URA_SYSTEM } from "@regie/shared";
import { toFhirConsent } from "../fhir/consent-resource";
import type { PushMessage } from "./message";

export const ORGANIZATION_TYPE_SYSTEM = "http://nictiz.nl/fhir/NamingSystem/organization-type";

/** A stable urn:uuid for an entry, derived from the notification id and a label (no randomness: pure). */
function urn(notificationId: string, label: string): string {
  // the notification id is a UUID; its last 12 hex digits are replaced by a label-specific suffix
  const suffix = label === "patient" ? "000000000001" : "000000000002";
  return `urn:uuid:${notificationId.slice(0, 24)}${suffix}`;
}

export function notificationBundle(m: PushMessage, bsn: string) {
  const patientUrl = urn(m.notificationId, "patient");
  const organizationUrl = urn(m.notificationId, "organization");
  const consents = m.consents.map((c) => {
    const consent = toFhirConsent(c, bsn);
    return {
      fullUrl: `urn:uuid:${c.id}`,
      resource: { ...consent, patient: { reference: patientUrl, identifier: { system: BSN_SYSTEM, value: bsn } } },
      request: { method: "PUT" as const, url: `Consent/${c.id}` },
    };
  });
  return {
    resourceType: "Bundle" as const,
    id: m.notificationId,
    type: "transaction" as const,
    timestamp: new Date(m.at).toISOString(),
    entry: [
      ...consents,
      {
        fullUrl: patientUrl,
        resource: { resourceType: "Patient" as const, id: patientUrl.slice("urn:uuid:".length), identifier: [{ system: BSN_SYSTEM, value: bsn }] },
        request: { method: "POST" as const, url: "Patient", ifNoneExist: `identifier=${BSN_SYSTEM}|${bsn}` },
      },
      {
        fullUrl: organizationUrl,
        resource: {
          resourceType: "Organization" as const,
          id: organizationUrl.slice("urn:uuid:".length),
          identifier: [{ system: URA_SYSTEM, value: m.subscriber.ura }],
          type: [{ coding: [{ system: ORGANIZATION_TYPE_SYSTEM, code: m.subscriber.organizationType }] }],
        },
        request: { method: "POST" as const, url: "Organization", ifNoneExist: `identifier=${URA_SYSTEM}|${m.subscriber.ura}` },
      },
    ],
  };
}
