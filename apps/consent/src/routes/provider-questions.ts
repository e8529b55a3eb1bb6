/** The provider's questions: the closed question (consent check) and the open question (locate). */
import type { OpenAPIHono } from "@hono/zod-openapi";
import { ApiError } from "@regie/shared";
import { ConsentCheckRequest, ConsentCheckResponse, LocateRequest, LocateResponse } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import { organisationNameMap } from "../address-book/store";
import { breakTheGlassRefusal } from "../decision/break-the-glass";
import { callShard, citizenShard } from "../storage/shards";
import { assertParty, assertSelf, provider, providerActor } from "./common";

export function providerQuestionRoutes(app: OpenAPIHono<AppEnv>): void {
  app.openapi(
    provider
      .post("/v1/consent-check", "The closed question: may this holder share these data categories with this requester?", { json: ConsentCheckRequest })
      .describe(
        "One decision per data category, with the reason and the deciding choice. No matching choice means deny. Either party asks: the token's URA and organisation type must be the holder's or the requester's (anyone else: 403). Every question is logged (NEN 7513) with who asked, on whose behalf, and the professional. " +
          "With `breakTheGlass` the requester declares an emergency (purpose TREAT only): logged as its own event and shown to the citizen; the decision is still the consent rules' decision.",
      )
      .ok(ConsentCheckResponse, "One decision per data category", 400, 401, 403, 413, 415, 503),
    async (c) => {
      const body = c.req.valid("json");
      const auth = c.get("auth");
      const party = assertParty(auth, body.holder, body.requester);
      const refused = body.breakTheGlass ? breakTheGlassRefusal(party, body.purpose) : null;
      if (refused) throw new ApiError(refused.status === 403 ? "FORBIDDEN" : "VALIDATION_FAILED", refused.detail);
      const { pseudonym, stub } = await citizenShard(c.env, body.patient.bsn);
      const decisions = await callShard(
        stub.check(pseudonym, {
          holder: body.holder,
          requester: body.requester,
          purpose: body.purpose,
          dataCategories: body.dataCategories,
          asker: providerActor(auth),
          ...(body.professional ? { professional: body.professional } : {}),
          ...(body.breakTheGlass ? { breakTheGlass: body.breakTheGlass } : {}),
        }),
      );
      return c.json({ requestId: c.get("requestId"), decisions }, 200);
    },
  );

  app.openapi(
    provider
      .post("/v1/locate", "The open question: which holders have data about this patient and a permit for me?", { json: LocateRequest })
      .ok(LocateResponse, "Subscribed holders with a permit for the requester", 400, 401, 403, 503),
    async (c) => {
      const body = c.req.valid("json");
      assertSelf(c.get("auth"), body.requester);
      const { pseudonym, stub } = await citizenShard(c.env, body.patient.bsn);
      const sources = await callShard(stub.locate(pseudonym, body.requester, body.purpose, body.dataCategories));
      const names = await organisationNameMap(
        c.env.DB,
        sources.map((s) => s.ura),
      );
      const named = sources.map((s) => ({ ...s, name: names.get(s.ura)?.name ?? null, place: names.get(s.ura)?.place ?? null }));
      return c.json({ requestId: c.get("requestId"), sources: named }, 200);
    },
  );
}
