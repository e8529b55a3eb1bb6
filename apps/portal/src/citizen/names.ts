/**
 * Names and places of the providers a citizen page mentions (from the consent service's address book), so that a
 * citizen reads "Ziekenhuis Rivierenland in Tiel", never only a URA. A lookup failure leaves the names out (the
 * page then says "the care provider with URA number …"): names are presentation, not a reason to fail a page.
 */
import type { Context } from "hono";
import type { Choice, DirectoryOrganisation } from "@regie/shared/contracts/consent";
import { ORGANISATION_LOOKUP_MAX } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import type { Messages } from "../i18n";
import { consent } from "../services/clients";

export type OrgNames = ReadonlyMap<string, DirectoryOrganisation>;

export async function namesFor(c: Context<AppEnv>, uras: Iterable<string | null | undefined>): Promise<OrgNames> {
  const wanted = [...new Set([...uras].filter((u): u is string => !!u))];
  const out = new Map<string, DirectoryOrganisation>();
  for (let i = 0; i < wanted.length; i += ORGANISATION_LOOKUP_MAX) {
    try {
      const page = await consent(c).organisations({ ura: wanted.slice(i, i + ORGANISATION_LOOKUP_MAX) });
      for (const o of page.items) out.set(o.ura, o);
    } catch (err) {
      console.error(JSON.stringify({ level: "warn", msg: "address book lookup failed", requestId: c.get("requestId"), error: (err as Error)?.name }));
    }
  }
  return out;
}

/** The URAs a choice names. */
export const choiceUras = (ch: Pick<Choice, "holder" | "requester" | "recordedBy">) => [
  "ura" in ch.holder ? ch.holder.ura : null,
  "ura" in ch.requester ? ch.requester.ura : null,
  ch.recordedBy?.ura ?? null,
];

/** "Ziekenhuis Rivierenland in Tiel", or undefined when the address book does not know the URA. */
export function orgLabel(t: Messages, ura: string, names: OrgNames | undefined): string | undefined {
  const o = names?.get(ura);
  return o ? t.choiceSentence.orgLabel(o.name, o.place, !o.active) : undefined;
}
