/**
 * Recording a choice on a patient's behalf: the one path `POST /v1/provider/choices` and `POST /fhir/Consent` share
 * (same rules, a pending choice for a patient under 16, the citizen's notification, the subscribers' push, the
 * NEN 7513 log entry, idempotency), with a Provenance of the write in the same transaction.
 */
import type { ClaimsOf } from "@regie/shared";
import type { ChoiceInput } from "@regie/shared/contracts/consent";
import { isMinor } from "../citizens/subject";
import type { Bindings } from "../env";
import type { ProvenanceInput } from "../storage/shard/provenance";
import { callShard, citizenShard, unwrap } from "../storage/shards";
import { idempotencyKey, providerActor } from "./common";

export async function recordOnBehalf(
  env: Bindings,
  auth: ClaimsOf<"provider">,
  bsn: string,
  choice: ChoiceInput,
  idempotencyHeader: string | undefined,
  provenance: ProvenanceInput,
) {
  const { pseudonym, stub } = await citizenShard(env, bsn);
  const key = idempotencyKey(idempotencyHeader, `provider-record|${auth.ura}|${pseudonym}`);
  const pending = await isMinor(env, pseudonym);
  return unwrap(await callShard(stub.fhirRecord(pseudonym, choice, providerActor(auth), { idempotencyKey: key, pending }, provenance)));
}
