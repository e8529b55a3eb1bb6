/** What the application routes share: load with the caller's role, save a step and notify, answer with the deadline. */
import { ApiError, type Claims } from "@regie/shared";
import type { AccessApplication } from "@regie/shared/contracts/catalogue";
import { notify, type ApplicationEventName } from "../notifications/notify";
import { emailSender } from "../notifications/sender";
import { ApplicationsRepo } from "../storage/applications-repo";
import { roleOf, withDeadline, type Role, type StepResult } from "./workflow";

export const APP_ID = /^[A-Za-z0-9-]{1,100}$/;

/** The application and the caller's role on it; 404 when it does not exist or the caller may not know it does. */
export async function loadWithRole(db: D1Database, auth: Claims, id: string): Promise<{ app: AccessApplication; role: Role }> {
  const app = APP_ID.test(id) ? await new ApplicationsRepo(db).get(id) : null;
  const role = app ? roleOf(app, auth) : null;
  if (!app || !role) throw new ApiError("NOT_FOUND", "No such application");
  return { app, role };
}

export function unwrap(result: StepResult): AccessApplication {
  if (result.ok) return result.app;
  throw new ApiError(result.code, result.message, result.errors ? { errors: result.errors } : undefined);
}

/** Stores the step (409 when someone else changed the application meanwhile), notifies, and returns it with its deadline. */
export async function save(
  env: Env,
  before: AccessApplication,
  after: AccessApplication,
  event: ApplicationEventName | null,
  extra: D1PreparedStatement[] = [],
) {
  if (!(await new ApplicationsRepo(env.DB).update(after, before, extra))) throw new ApiError("CONFLICT", "The application was changed meanwhile; reload it");
  if (event) await notify(env.DB, emailSender(env), after, event, after.updatedAt);
  return withDeadline(after, new Date());
}
