/** One workflow step as a route: load the application with the caller's role, apply the pure step, save it with its event. */
import { type OpenAPIHono, type z } from "@hono/zod-openapi";
import { routeGroup } from "@regie/shared";
import { AccessApplication } from "@regie/shared/contracts/catalogue";
import { loadWithRole, save, unwrap } from "../applications/service";
import type { Role, StepResult } from "../applications/workflow";
import { nowIso } from "../datasets/service";
import type { AppEnv } from "../env";
import type { ApplicationEventName } from "../notifications/notify";
import { IdParam } from "./applications";

export interface StepSpec<B extends z.ZodType> {
  path: string;
  summary: string;
  tags: string[];
  /** Who may call it (the token's role); the application's own role check is the step's. */
  role: "researcher" | "hdab";
  body: B;
  answer: string;
  /** The step itself: a pure function of the application, the caller's role on it, the body, who and when. */
  step: (before: AccessApplication, role: Role, body: z.infer<B>, by: string, at: string) => StepResult;
  /** What to notify; null for a change nobody needs to hear about. */
  event: ApplicationEventName | null;
}

export function stepRoute<B extends z.ZodType>(app: OpenAPIHono<AppEnv>, spec: StepSpec<B>): void {
  const step = routeGroup({ tags: spec.tags, role: spec.role });

  const route = step.post(spec.path, spec.summary, { params: IdParam, json: spec.body }).ok(AccessApplication, spec.answer, 400, 401, 403, 404, 409, 415, 422);
  app.openapi(route, async (c) => {
    // The generic body defeats hono's inference of the validated targets; the validators above have run.
    const req = c.req as unknown as { valid(target: "param"): { id: string }; valid(target: "json"): z.infer<B> };
    const { app: before, role } = await loadWithRole(c.env.DB, c.get("auth"), req.valid("param").id);
    const body = req.valid("json");
    const after = unwrap(spec.step(before, role, body, c.get("auth").sub, nowIso()));
    return c.json(await save(c.env, before, after, spec.event), 200);
  });
}
