/**
 * Seeding the real consent service for a portal test, through its own API with tokens from the portal's development
 * issuer (which the service verifies): the address book (an mCSD load, as an operator), a provider's question, a
 * provider's recorded choice. Every write's status is checked. Only the BRP stand-in has no API (it is the BRP's
 * data, not Regie's): a family is registered in its tables, as the consent service's own tests do.
 */
import { env } from "cloudflare:test";
import { pseudonymise } from "@regie/shared";
import type { ChoiceInput } from "@regie/shared/contracts/consent";
import { DEMO_CITIZENS, DEMO_PROVIDERS } from "@regie/shared/demo";
import { addressBookBundle } from "@regie/shared/testing";
import { callService, devToken } from "./call";

export const provider = (key: string) => DEMO_PROVIDERS.find((p) => p.key === key)!;
export const citizen = (key: string) => DEMO_CITIZENS.find((p) => p.key === key)!;
const org = (key: string) => ({ ura: provider(key).ura, organizationType: provider(key).organizationType });

const providerToken = (key: string) => devToken({ role: "provider", ...org(key) });

/** The demo providers in the address book (names and places), loaded as a ZORG-AB / mCSD Bundle. */
export async function loadAddressBook(): Promise<void> {
  const body = addressBookBundle(...DEMO_PROVIDERS.map((p) => ({ id: p.key, ura: p.ura, name: p.name, type: p.organizationType, city: p.place })));
  const res = await callService("CONSENT", "POST", "/v1/operator/address-book", await devToken({ role: "operator", sub: "ops-portal-test" }), body);
  await res.expect(200, "the address book load");
}

/**
 * A provider asks whether it may see a citizen's data (the consent check), so the question is in the access log; with
 * `breakTheGlass` the requester declares an emergency (its own event in the log, with the reason).
 */
export async function providerAsks(
  citizenKey: string,
  holderKey: string,
  requesterKey: string,
  dataCategories: string[],
  breakTheGlass?: { reason: string },
): Promise<void> {
  const body = {
    patient: { bsn: citizen(citizenKey).bsn },
    holder: org(holderKey),
    requester: org(requesterKey),
    purpose: "TREAT",
    dataCategories,
    ...(breakTheGlass ? { breakTheGlass } : {}),
  };
  await (await callService("CONSENT", "POST", "/v1/consent-check", await providerToken(requesterKey), body)).expect(200, "the consent check");
}

/** A provider records a choice on a citizen's behalf (the citizen is notified). */
export async function providerRecords(citizenKey: string, providerKey: string, choice: ChoiceInput): Promise<void> {
  const res = await callService("CONSENT", "POST", "/v1/provider/choices", await providerToken(providerKey), {
    patient: { bsn: citizen(citizenKey).bsn },
    choice,
  });
  await res.expect(201, "the provider's choice");
}

/** Registers a demo citizen and the demo children they have parental authority over in the BRP stand-in. */
export async function registerFamily(guardianKey: string): Promise<void> {
  const guardian = citizen(guardianKey);
  const db = env.CONSENT_DB;
  const pseudonym = (bsn: string) => pseudonymise(bsn, env.PSEUDONYM_KEY);
  const people = [guardian, ...guardian.guardianOf.map(citizen)];
  const statements = [
    ...(await Promise.all(
      people.map(async (p) =>
        db.prepare("INSERT OR REPLACE INTO brp_persons (pseudonym, name, birth_date) VALUES (?, ?, ?)").bind(await pseudonym(p.bsn), p.name, p.birthDate),
      ),
    )),
    ...(await Promise.all(
      guardian.guardianOf.map(async (k) =>
        db.prepare("INSERT OR IGNORE INTO brp_guardians (guardian, child) VALUES (?, ?)").bind(await pseudonym(guardian.bsn), await pseudonym(citizen(k).bsn)),
      ),
    )),
  ];
  const results = await db.batch(statements);
  if (!results.every((r) => r.success)) throw new Error("registering the family in the BRP stand-in failed");
}
