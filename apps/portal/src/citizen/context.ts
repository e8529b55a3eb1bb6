import type { Context } from "hono";
import { ChildId, type Child } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { consent, readService } from "../services/clients";
import { PageError } from "../views/errors";

/** Whose choices a citizen page is about: the citizen, or a child they are the guardian of (`?kind=`). */
export interface Acting {
  childId?: string;
  child?: Child;
  children: Child[];
  /** the query string to keep acting for the child on links and form actions */
  suffix: string;
}

export async function acting(c: Context<AppEnv>, childParam?: string): Promise<Acting> {
  const children = (await readService(c, () => consent(c).children())).items;
  const childId = childParam ?? c.req.query("kind") ?? undefined;
  if (!childId) return { children, suffix: "" };
  if (!ChildId.safeParse(childId).success) throw new PageError(404, "notFound");
  const child = children.find((k) => k.childId === childId);
  if (!child) throw new PageError(403, "forbidden");
  return { childId, child, children, suffix: `?kind=${encodeURIComponent(childId)}` };
}

export function withActing(path: string, a: Acting): string {
  if (!a.childId) return path;
  return path + (path.includes("?") ? "&" : "?") + `kind=${encodeURIComponent(a.childId)}`;
}
