/**
 * Whose data a citizen's request is about: their own, or (with ?child=) a child under 16 they have parental
 * authority over (BRP stand-in in D1). Also decides how a write goes, by the child's age (./age.ts, `minorRule`):
 * under 12 the guardian records at once and the child cannot; from 12 to 16 the child records (pending until a parent
 * confirms with the koppelcode) and the guardian can read and confirm but not record; from 16 the child alone.
 */
import { ApiError, pseudonymise, type ClaimsOf } from "@regie/shared";
import type { Bindings } from "../env";
import type { Actor } from "../storage/shard/result";
import { findPerson, isGuardian } from "../storage/directory";
import { shardStub } from "../storage/shards";
import { ageOn, minorRule, type MinorRule } from "./age";

export interface Subject {
  /** pseudonym of the citizen the data belongs to */
  pseudonym: string;
  /** pseudonym of the logged-in citizen */
  self: string;
  actor: Actor;
  stub: ReturnType<typeof shardStub>;
  /**
   * Before a write (record, change, withdraw): throws 403 when this actor may not write for the subject; true when the
   * write must wait for a guardian's confirmation (the child of 12 to 16 records for itself).
   */
  needsGuardian: () => Promise<boolean>;
}

/** The rule for a citizen by age (`own` when the BRP stand-in does not know them). */
export async function ruleFor(env: Bindings, pseudonym: string): Promise<MinorRule> {
  const person = await findPerson(env.DB, pseudonym);
  return person === null ? "own" : minorRule(ageOn(person.birthDate, new Date()));
}

export async function isMinor(env: Bindings, pseudonym: string): Promise<boolean> {
  return (await ruleFor(env, pseudonym)) !== "own";
}

export async function resolveSubject(env: Bindings, auth: ClaimsOf<"citizen">, child: string | undefined): Promise<Subject> {
  const self = await pseudonymise(auth.bsn, env.PSEUDONYM_KEY);
  if (child === undefined) {
    const ownWrite = async () => {
      const rule = await ruleFor(env, self);
      if (rule === "guardian-records") throw new ApiError("FORBIDDEN", "Under 12 a parent or guardian records your choices");
      return rule === "child-records-guardian-confirms";
    };
    return { pseudonym: self, self, actor: { role: "citizen" }, stub: shardStub(env, self), needsGuardian: ownWrite };
  }
  if (!(await isGuardian(env.DB, self, child))) throw new ApiError("FORBIDDEN", "You are not registered as a parent or guardian of this child");
  const rule = await ruleFor(env, child);
  if (rule === "own") throw new ApiError("FORBIDDEN", "From 16 a child manages their own choices");
  const guardianWrite = async () => {
    if (rule === "child-records-guardian-confirms") {
      throw new ApiError("FORBIDDEN", "From 12 to 16 the child records its own choices; you confirm them with the code the child shows you");
    }
    return false;
  };
  return { pseudonym: child, self, actor: { role: "guardian" }, stub: shardStub(env, child), needsGuardian: guardianWrite };
}
