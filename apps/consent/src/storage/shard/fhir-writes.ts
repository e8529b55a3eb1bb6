/**
 * FHIR writes of choices (IHE PCF): recording with a Provenance, revoking by status with a Provenance, importing one
 * patient's existing consents (migration), and reading a choice's Provenance. Each runs inside one write's
 * transaction (./writes.ts) through the same ChoiceWrites as the JSON API, so the rules, the citizen's notification,
 * the subscribers' push (outbox) and the NEN 7513 log entry are the JSON API's.
 */
import type { Choice, ChoiceInput, ChoiceResult } from "@regie/shared/contracts/consent";
import { isPartyTo, mayReadProvenance, sameChoice } from "../../decision/recorder";
import type { AccessLogWriter } from "../access-log";
import { toChoice } from "../choice-rows";
import type { ChoiceVersions } from "./choices";
import type { ChoiceWrites } from "./choice-writes";
import type { CitizenNotifications } from "./notifications";
import type { ProvenanceInput, ProvenanceRow, ProvenanceStore } from "./provenance";
import { concrete } from "./provider-questions";
import { fail, ok, type Actor, type ProviderActor, type ShardResult, type WriteOptions } from "./result";

export interface Recorded {
  choice: ChoiceResult;
  provenance: ProvenanceRow | null;
}

/** One choice of a migration: the choice and its Provenance (with the source key the import is idempotent on). */
export interface ImportItem {
  input: ChoiceInput;
  provenance: ProvenanceInput & { source: { system: string; value: string } };
}

export type Imported = Recorded & { created: boolean };

export class FhirWrites {
  constructor(
    private readonly versions: ChoiceVersions,
    private readonly choiceWrites: ChoiceWrites,
    private readonly provenance: ProvenanceStore,
    private readonly notifications: CitizenNotifications,
    private readonly log: AccessLogWriter,
  ) {}

  record(citizen: string, input: ChoiceInput, actor: Actor, opts: WriteOptions, p: ProvenanceInput): ShardResult<Recorded> {
    const r = this.choiceWrites.record(citizen, input, actor, opts);
    if (!r.ok) return r;
    return ok({ choice: r.value, provenance: this.provenance.add(citizen, r.value, "CREATE", p) });
  }

  /**
   * An update by status (ITI-108 update): `inactive` revokes (withdraws) a choice the caller is a party to, with a
   * Provenance, and tells the citizen; `active` keeps it. Any other difference from the stored choice is refused;
   * revoking a revoked one changes nothing (provenance null); a revoked one is not made active again (record anew).
   */
  update(citizen: string, id: string, asked: ChoiceInput, status: "active" | "inactive", actor: ProviderActor, p: ProvenanceInput): ShardResult<Recorded> {
    const cur = this.versions.of(citizen).get(id);
    if (!cur) return fail("NOT_FOUND", "No Consent with this id for this patient");
    const stored = toChoice(cur.row);
    if (!isPartyTo(stored, concrete(actor)))
      return fail("FORBIDDEN", "Only an organisation that is a party to this Consent (holder or requester) may change it");
    if (!sameChoice(stored, asked))
      return fail("UNPROCESSABLE", "Only the status of a recorded Consent can change (inactive revokes it); record a new Consent for another choice");
    const withdrawn = cur.row.status === "withdrawn";
    if (status === "active") return withdrawn ? fail("CONFLICT", "This Consent was revoked; record a new one") : ok({ choice: stored, provenance: null });
    if (withdrawn) return ok({ choice: stored, provenance: null });
    const r = this.choiceWrites.withdraw(citizen, id, actor);
    if (!r.ok) return r;
    this.notifications.add(
      citizen,
      "choice-withdrawn-by-provider",
      `Care provider ${actor.ura} withdrew a choice (${stored.decision}, ${stored.dataCategory}) on your behalf.`,
      id,
    );
    return ok({ choice: r.value, provenance: this.provenance.add(citizen, r.value, "UPDATE", p) });
  }

  /**
   * Imports one patient's choices, all or nothing (the caller's transaction): a choice this provider already imported
   * under the same source key is not imported again (created false), so the same Bundle twice imports nothing.
   */
  import(citizen: string, items: readonly ImportItem[], actor: Actor, opts: WriteOptions): ShardResult<Imported[]> {
    const out: Imported[] = [];
    for (const item of items) {
      const prior = this.provenance.imported(citizen, item.provenance.agent.ura, item.provenance.source);
      const existing = prior && this.versions.of(citizen).get(prior.choice_id);
      if (prior && existing) {
        out.push({ choice: toChoice(existing.row), provenance: prior, created: false });
        continue;
      }
      const r = this.record(citizen, item.input, actor, opts, item.provenance);
      if (!r.ok) return r;
      out.push({ ...r.value, created: true });
    }
    return ok(out);
  }

  /** A choice and the Provenance of its FHIR writes: the citizen reads their own; a provider by ../../decision/recorder.ts (logged). */
  provenanceOf(citizen: string, id: string, actor: Actor): ShardResult<{ choice: Choice; provenance: ProvenanceRow[] }> {
    const cur = this.versions.of(citizen).get(id);
    if (!cur) return fail("NOT_FOUND", "No Consent with this id for this patient");
    const rows = this.provenance.of(citizen, id);
    const choice = toChoice(cur.row);
    if (actor.role === "provider") {
      const allowed = mayReadProvenance(
        choice,
        rows.map((r) => r.agent_ura),
        actor.ura ?? "",
      );
      this.log.log(citizen, actor, { action: "fhir-read", outcome: allowed ? "permit" : "deny", dataCategories: [choice.dataCategory] });
      if (!allowed) return fail("FORBIDDEN", "Only a party to this Consent, or the organisation that recorded it, may read its Provenance");
    }
    return ok({ choice, provenance: rows });
  }
}
