/** Cross-citizen data in D1: organisation directory, BRP stand-in, opt-out list, provider notifications, subscriptions. */
import { organisationColumn } from "../address-book/store";
import type { PushMessage } from "../push/message";

export interface Person {
  pseudonym: string;
  name: string | null;
  birthDate: string;
}

export async function findPerson(db: D1Database, pseudonym: string): Promise<Person | null> {
  const row = await db.prepare("SELECT pseudonym, name, birth_date AS birthDate FROM brp_persons WHERE pseudonym = ?").bind(pseudonym).first<Person>();
  return row ?? null;
}

export async function childrenOf(db: D1Database, guardian: string): Promise<Person[]> {
  const { results } = await db
    .prepare(
      "SELECT p.pseudonym, p.name, p.birth_date AS birthDate FROM brp_guardians g JOIN brp_persons p ON p.pseudonym = g.child WHERE g.guardian = ? ORDER BY p.birth_date",
    )
    .bind(guardian)
    .all<Person>();
  return results;
}

export async function isGuardian(db: D1Database, guardian: string, child: string): Promise<boolean> {
  const row = await db.prepare("SELECT 1 AS ok FROM brp_guardians WHERE guardian = ? AND child = ?").bind(guardian, child).first();
  return row !== null;
}

export async function guardiansOf(db: D1Database, child: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT guardian FROM brp_guardians WHERE child = ?").bind(child).all<{ guardian: string }>();
  return results.map((r) => r.guardian);
}

/** The address book's names of these URAs. */
export const organisationNames = (db: D1Database, uras: string[]) => organisationColumn(db, "ura", "name", uras);

export async function providerNotifications(db: D1Database, ura: string) {
  const { results } = await db
    .prepare(
      "SELECT id, kind, subscription_id AS subscriptionId, message, created_at AS createdAt FROM provider_notifications WHERE ura = ? ORDER BY created_at DESC, id LIMIT 200",
    )
    .bind(ura)
    .all<{ id: string; kind: "consent-changed"; subscriptionId: string; message: string; createdAt: number }>();
  return results.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString() }));
}

// ---------------------------------------------------------------- outbox delivery

export type SubscriptionUpsert = {
  kind: "subscription";
  id: string;
  ura: string;
  organizationType: string;
  citizen: string;
  patientSealed: string | null;
  dataCategories: string[];
  endpoint: string | null;
  headerNames: string[];
  createdAt: number;
  at: number;
};

/** What goes to D1 (below) or, for `push`, to the push queue (../push/message.ts). */
export type OutboxMessage =
  | { kind: "secondary-use"; eventId: string; pseudonym: string; optOut: boolean; at: number }
  | { kind: "provider-notification"; id: string; ura: string; subscriptionId: string; message: string; at: number }
  | SubscriptionUpsert
  | { kind: "subscription-removed"; id: string; at: number }
  | { kind: "push"; message: PushMessage };

export type D1OutboxMessage = Exclude<OutboxMessage, { kind: "push" }>;

/** Idempotent statements for one outbox message (safe to deliver twice, never overwrites a newer state). */
export function outboxStatements(db: D1Database, m: D1OutboxMessage): D1PreparedStatement[] {
  if (m.kind === "subscription") {
    // a tombstone ('off') is never brought back; an older delivery never overwrites a newer one
    return [
      db
        .prepare(
          `INSERT INTO provider_subscriptions (id, ura, organization_type, citizen, patient_sealed, data_categories, endpoint, header_names, status, created_at, updated_at)
           VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'active', ?9, ?10)
           ON CONFLICT (id) DO UPDATE SET patient_sealed = excluded.patient_sealed, data_categories = excluded.data_categories, endpoint = excluded.endpoint,
             header_names = excluded.header_names, updated_at = excluded.updated_at
           WHERE provider_subscriptions.status != 'off' AND excluded.updated_at >= provider_subscriptions.updated_at`,
        )
        .bind(
          m.id,
          m.ura,
          m.organizationType,
          m.citizen,
          m.patientSealed,
          JSON.stringify(m.dataCategories),
          m.endpoint,
          JSON.stringify(m.headerNames),
          m.createdAt,
          m.at,
        ),
    ];
  }
  if (m.kind === "subscription-removed") {
    return [db.prepare("UPDATE provider_subscriptions SET status = 'off', updated_at = max(updated_at, ?2) WHERE id = ?1").bind(m.id, m.at)];
  }
  if (m.kind === "provider-notification") {
    return [
      db
        .prepare("INSERT OR IGNORE INTO provider_notifications (id, ura, subscription_id, kind, message, created_at) VALUES (?, ?, ?, 'consent-changed', ?, ?)")
        .bind(m.id, m.ura, m.subscriptionId, m.message, m.at),
    ];
  }
  return [
    db
      .prepare("INSERT OR IGNORE INTO secondary_use_events (event_id, pseudonym, opt_out, at) VALUES (?, ?, ?, ?)")
      .bind(m.eventId, m.pseudonym, m.optOut ? 1 : 0, m.at),
    db
      .prepare(
        `INSERT INTO secondary_use_optouts (pseudonym, opted_out, opted_out_at, opted_in_at, changed_at) VALUES (?1, ?2, CASE WHEN ?2 = 1 THEN ?3 END, CASE WHEN ?2 = 0 THEN ?3 END, ?3)
         ON CONFLICT (pseudonym) DO UPDATE SET
           opted_out = excluded.opted_out,
           opted_out_at = CASE WHEN excluded.opted_out = 1 THEN (CASE WHEN secondary_use_optouts.opted_out = 1 THEN secondary_use_optouts.opted_out_at ELSE excluded.changed_at END) ELSE secondary_use_optouts.opted_out_at END,
           opted_in_at = CASE WHEN excluded.opted_out = 0 THEN excluded.changed_at ELSE secondary_use_optouts.opted_in_at END,
           changed_at = excluded.changed_at
         WHERE excluded.changed_at >= secondary_use_optouts.changed_at`,
      )
      .bind(m.pseudonym, m.optOut ? 1 : 0, m.at),
  ];
}
