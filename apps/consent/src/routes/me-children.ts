/** Citizen API (/v1/me/children…): a guardian's children, and confirming a 12–15-year-old's choice with the koppelcode. */
import { z, type OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { ChildId, ChildList, Choice, ConfirmChoiceRequest } from "@regie/shared/contracts/consent";
import { AGE_OF_CONSENT, ageOn, minorRule } from "../citizens/age";
import { resolveSubject } from "../citizens/subject";
import type { AppEnv } from "../env";
import { childrenOf, isGuardian } from "../storage/directory";
import { callShard, shardStub, unwrap } from "../storage/shards";
import { citizen } from "./common";

export function meChildrenRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(citizen.get("/v1/me/children", "Children I have parental authority over (BRP)").ok(ChildList, "Children", 401, 403, 503), async (c) => {
    const s = await resolveSubject(c.env, c.get("auth"), undefined);
    const kids = await childrenOf(c.env.DB, s.self);
    const now = new Date();
    const items = await Promise.all(
      kids.map(async (k) => {
        const age = ageOn(k.birthDate, now);
        return {
          childId: k.pseudonym,
          name: k.name,
          birthDate: k.birthDate,
          age,
          guardianManages: age < AGE_OF_CONSENT,
          guardianRecords: minorRule(age) === "guardian-records",
          pendingChoices: await callShard(shardStub(c.env, k.pseudonym).pendingCount(k.pseudonym)),
        };
      }),
    );
    return c.json({ items }, 200);
  });

  app.openapi(
    citizen
      .post("/v1/me/children/{childId}/confirmations", "Confirm a child's pending choice with its confirmation code (koppelcode)", {
        params: z.object({ childId: ChildId.openapi({ param: { name: "childId", in: "path" } }) }),
        json: ConfirmChoiceRequest,
      })
      .describe(
        "A wrong code answers 422 and counts; after 5 wrong codes (410) or after 30 days (410) the code no longer works and the child records the choice again.",
      )
      .ok(Choice, "The confirmed (now active) choice", 400, 401, 403, 404, 410, 422, 503),
    async (c) => {
      const s = await resolveSubject(c.env, c.get("auth"), undefined);
      const child = c.req.valid("param").childId;
      if (!(await isGuardian(c.env.DB, s.self, child))) throw new ApiError("FORBIDDEN", "You are not registered as a parent or guardian of this child");
      const { choiceId, code } = c.req.valid("json");
      return c.json(unwrap(await callShard(shardStub(c.env, child).confirm(child, choiceId, code, { role: "guardian" }))), 200);
    },
  );
}
