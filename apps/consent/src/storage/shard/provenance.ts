/**
 * The Provenance of each FHIR write of a choice (IHE PCF): when, which activity, the organisation (URA) and the
 * professional (UZI) who recorded it, and — for a migrated choice — the source identifier the import is keyed on.
 * Written inside the write's transaction (./writes.ts), so a choice never exists without its Provenance.
 */
import type { Clock } from "./seams";

/** Who wrote, as the FHIR route knows it (token URA and type; the UZI number from the Consent or Provenance). */
export interface ProvenanceAgent {
  ura: string;
  organizationType: string;
  uziNumber?: string;
  uziRole?: string;
  mandatedBy?: string;
}

export interface ProvenanceInput {
  agent: ProvenanceAgent;
  /** when the original recording happened (a migration's Provenance.recorded), epoch ms; default: now */
  recorded?: number;
  /** a migrated choice's key in the source system: Consent.identifier, or the entry's fullUrl (system urn:ietf:rfc:3986) */
  source?: { system: string; value: string };
}

export type ProvenanceActivity = "CREATE" | "UPDATE";

export interface ProvenanceRow {
  id: string;
  choice_id: string;
  choice_version: number;
  recorded: number;
  activity: ProvenanceActivity;
  agent_ura: string;
  agent_org_type: string;
  agent_uzi: string | null;
  agent_uzi_role: string | null;
  mandated_by_uzi: string | null;
  source_system: string | null;
  source_value: string | null;
}

export class ProvenanceStore {
  constructor(
    private readonly sql: SqlStorage,
    private readonly clock: () => Clock,
  ) {}

  add(citizen: string, choice: { id: string; version: number }, activity: ProvenanceActivity, p: ProvenanceInput): ProvenanceRow {
    const now = this.clock().now();
    const row: ProvenanceRow = {
      id: crypto.randomUUID(),
      choice_id: choice.id,
      choice_version: choice.version,
      recorded: p.recorded ?? now,
      activity,
      agent_ura: p.agent.ura,
      agent_org_type: p.agent.organizationType,
      agent_uzi: p.agent.uziNumber ?? null,
      agent_uzi_role: p.agent.uziRole ?? null,
      mandated_by_uzi: p.agent.mandatedBy ?? null,
      source_system: p.source?.system ?? null,
      source_value: p.source?.value ?? null,
    };
    this.sql.exec(
      `INSERT INTO provenance (id, citizen, choice_id, choice_version, recorded, activity, agent_ura, agent_org_type, agent_uzi, agent_uzi_role, mandated_by_uzi, source_system, source_value, at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      row.id,
      citizen,
      row.choice_id,
      row.choice_version,
      row.recorded,
      row.activity,
      row.agent_ura,
      row.agent_org_type,
      row.agent_uzi,
      row.agent_uzi_role,
      row.mandated_by_uzi,
      row.source_system,
      row.source_value,
      now,
    );
    return row;
  }

  /** The Provenance of every FHIR write of one choice, oldest first (a handful per choice). */
  of(citizen: string, choiceId: string): ProvenanceRow[] {
    return this.sql
      .exec<ProvenanceRow & Record<string, SqlStorageValue>>(
        "SELECT * FROM provenance WHERE citizen = ? AND choice_id = ? ORDER BY at, rowid LIMIT 100",
        citizen,
        choiceId,
      )
      .toArray();
  }

  /** The choice a provider already imported under this source key, if any. */
  imported(citizen: string, ura: string, source: { system: string; value: string }): ProvenanceRow | undefined {
    return this.sql
      .exec<ProvenanceRow & Record<string, SqlStorageValue>>(
        "SELECT * FROM provenance WHERE citizen = ? AND agent_ura = ? AND source_system = ? AND source_value = ? LIMIT 1",
        citizen,
        ura,
        source.system,
        source.value,
      )
      .toArray()[0];
  }
}
