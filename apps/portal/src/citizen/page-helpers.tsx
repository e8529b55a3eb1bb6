/** Small helpers the citizen pages share. */
import type { Context } from "hono";
import type { Choice } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { type Acting } from "./context";

export const ro = (a: Acting) => (a.childId ? { child: a.childId } : undefined);
/** First name of the child a guardian acts for, so sentences say "de uitslagen van Noor". */
export const childName = (a: Acting) => (a.child ? (a.child.name ?? "").split(" ")[0] || undefined : undefined);

export function statusLabel(c: Context<AppEnv>, choice: Choice) {
  const t = c.get("t");
  if (choice.status === "pending") return <p class="badge badge-pending">{t.choiceSentence.pending}</p>;
  if (choice.temporary) return <p class="badge">{t.citizen.temporary}</p>;
  return null;
}

// ------------------------------------------------------------------ overview
