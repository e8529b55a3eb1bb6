/**
 * Whose data a citizen's request is about: their own, or (with ?child=) a child under 16 they have parental
 * authority over (BRP stand-in in D1). Also decides whether a write must wait for a guardian's confirmation.
 */
import { ApiError, pseudonymise, type ClaimsOf } from "@regie/shared";
import type { Bindings } from "../env";
import type { Actor } from "../storage/shard/result";
import { findPerson, isGuardian } from "../storage/directory";
import { shardStub } from "../storage/shards";
import { AGE_OF_CONSENT, ageOn } from "./age";

export interface Subject {
  /** pseudonym of the citizen the data belongs to */
  pseudonym: string;
  /** pseudonym of the logged-in citizen */
  self: string;
  actor: Actor;
  stub: ReturnType<typeof shardStub>;
  /** a write by this actor must be confirmed by a guardian (the subject is under 16 and acts for themselves) */
  needsGuardian: () => Promise<boolean>;
}

export async function isMinor(env: Bindings, pseudonym: string): Promise<boolean> {
  const person = await findPerson(env.DB, pseudonym);
  return person !== null && ageOn(person.birthDate, new Date()) < AGE_OF_CONSENT;
}

export async function resolveSubject(env: Bindings, auth: ClaimsOf<"citizen">, child: string | undefined): Promise<Subject> {
  const self = await pseudonymise(auth.bsn, env.PSEUDONYM_KEY);
  if (child === undefined) {
    return { pseudonym: self, self, actor: { role: "citizen" }, stub: shardStub(env, self), needsGuardian: () => isMinor(env, self) };
  }
  if (!(await isGuardian(env.DB, self, child))) throw new ApiError("FORBIDDEN", "You are not registered as a parent or guardian of this child");
  if (!(await isMinor(env, child))) throw new ApiError("FORBIDDEN", "From 16 a child manages their own choices");
  return { pseudonym: child, self, actor: { role: "guardian" }, stub: shardStub(env, child), needsGuardian: async () => false };
}
