/** The patient's consent resources for a FHIR read: a citizen (or guardian) reads them; a provider by the rule in ../../decision/fhir-read.ts. */
import type { Choice } from "@regie/shared/contracts/consent";
import { mayReadConsents } from "../../decision/fhir-read";
import type { AccessLogWriter } from "../access-log";
import { toChoice } from "../choice-rows";
import type { ChoiceVersions } from "./choices";
import { concrete } from "./provider-questions";
import { fail, ok, type Actor, type ShardResult } from "./result";
import type { Clock } from "./seams";

export class FhirConsentRead {
  constructor(
    private readonly clock: () => Clock,
    private readonly versions: ChoiceVersions,
    private readonly log: AccessLogWriter,
  ) {}

  /** Every current choice (withdrawn ones too: FHIR shows them inactive); a provider's read is logged either way. */
  read(citizen: string, actor: Actor): ShardResult<Choice[]> {
    const choices = this.versions.of(citizen);
    if (actor.role === "provider") {
      const allowed = mayReadConsents(choices.values(), concrete({ ura: actor.ura ?? "", organizationType: actor.organizationType ?? "" }), this.clock().now());
      this.log.log(citizen, actor, { action: "fhir-read", outcome: allowed ? "permit" : "deny" });
      if (!allowed) return fail("FORBIDDEN", "The patient has no active permit for your organisation");
    }
    return ok(Array.from(choices.values(), (c) => toChoice(c.row)));
  }
}
