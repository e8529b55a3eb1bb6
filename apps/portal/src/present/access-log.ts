import { organisationType } from "@regie/shared";
import type { AccessLogEntry } from "@regie/shared/contracts/consent";
import type { Messages } from "../i18n";
import type { NameLookup } from "./choice-sentence";

/**
 * One access-log entry in plain words: who asked (from the address book: "Ziekenhuis Rivierenland in Tiel", the URA
 * only as `detail`), what about, and the answer.
 */
export function describeLogEntry(t: Messages, e: AccessLogEntry, names?: NameLookup): { who: string; detail?: string; what: string; outcome: string } {
  const l = t.accessLog;
  const typeLabel = e.actor.organizationType ? (organisationType(e.actor.organizationType)?.display ?? e.actor.organizationType) : undefined;
  let who: string;
  const known = e.actor.ura ? names?.get(e.actor.ura) : undefined;
  let detail: string | undefined;
  if (known && e.actor.ura) {
    who = t.choiceSentence.orgLabel(known.name, known.place, !known.active);
    detail = l.uraDetail(e.actor.ura);
  } else if (e.actor.name) who = e.actor.ura ? `${e.actor.name} (URA ${e.actor.ura})` : e.actor.name;
  else if (e.actor.ura) who = l.orgWithUra(typeLabel ?? t.roles.provider ?? "", e.actor.ura);
  else if (e.actor.role === "citizen") who = l.self;
  else if (e.actor.role === "guardian") who = l.guardian;
  else who = t.roles[e.actor.role] ?? e.actor.role;
  const data = e.dataCategories.map((code) => t.dataCategories[code]?.name.toLowerCase() ?? code).join(", ");
  const action = l.actions[e.action] ?? e.action;
  const purpose = e.purpose ? (l.purposes[e.purpose] ?? e.purpose) : undefined;
  const what = [action, data && l.about(data), purpose && `(${purpose})`].filter(Boolean).join(" ");
  const located = /^(\d+) source\(s\)$/.exec(e.outcome);
  const outcome = l.outcomes[e.outcome] ?? (located ? l.sources(Number(located[1])) : e.outcome);
  return { who, detail, what, outcome };
}
