/**
 * The providers' questions, each answered by the decision engine (../../decision/evaluate.ts) over the citizen's
 * choices and logged (NEN 7513) whatever the answer: the closed question (`check`: may this holder share these data
 * categories with me?) and the open one (`locate`: which subscribed holders may share with me?).
 */
import { categoryOf } from "@regie/shared";
import type { CategoryDecision, Professional, Purpose } from "@regie/shared/contracts/consent";
import { underBreakTheGlass } from "../../decision/break-the-glass";
import { evaluate, type ConcreteParty } from "../../decision/evaluate";
import type { AccessLogWriter } from "../access-log";
import type { ChoiceVersions } from "./choices";
import type { CitizenNotifications } from "./notifications";
import type { Clock } from "./seams";
import { ALL_CATEGORIES, type Subscriptions } from "./subscriptions";

export interface Organisation {
  ura: string;
  organizationType: string;
}
export type Requester = Organisation & { uziRole?: string };
export interface CheckQuestion {
  holder: Organisation;
  requester: Requester;
  purpose: Purpose;
  dataCategories: string[];
  /** who asked (the token's organisation): the requester itself, or the holder on the requester's behalf; default the requester */
  asker?: Requester;
  /** the care professional behind the question (NEN 7513 user) */
  professional?: Professional;
  /** the log action (default consent-check); the FHIR and AuthZEN forms of the question log their own */
  action?: string;
  /** the requester declared an emergency (checked by the route: ../../decision/break-the-glass.ts); run inside a write */
  breakTheGlass?: { reason: string };
}
export interface Source {
  ura: string;
  organizationType: string;
  dataCategories: string[];
}

export const concrete = (o: Organisation): ConcreteParty => ({ ura: o.ura, category: categoryOf(o.organizationType) ?? "overig" });

export class ProviderQuestions {
  constructor(
    private readonly clock: () => Clock,
    private readonly versions: ChoiceVersions,
    private readonly subscriptions: Subscriptions,
    private readonly log: AccessLogWriter,
    private readonly notifications: CitizenNotifications,
  ) {}

  check(citizen: string, q: CheckQuestion): CategoryDecision[] {
    const now = this.clock().now();
    const holder = concrete(q.holder);
    const requester = concrete(q.requester);
    const all = this.versions.candidates(citizen, [holder], requester);
    const btg = q.breakTheGlass ?? null;
    const evaluated = q.dataCategories.map((dataCategory) => evaluate(all, { holder, requester, dataCategory, purpose: q.purpose, now }));
    const decisions = btg ? evaluated.map(underBreakTheGlass) : evaluated;
    const permits = decisions.filter((d) => d.decision === "permit").length;
    const asker = q.asker ?? q.requester;
    const forOther = asker.ura !== q.requester.ura || asker.organizationType !== q.requester.organizationType;
    this.log.log(
      citizen,
      { role: "provider", ura: asker.ura, organizationType: asker.organizationType, uziRole: asker.uziRole ?? (forOther ? undefined : q.requester.uziRole) },
      {
        action: btg ? "emergency-access" : (q.action ?? "consent-check"),
        breakTheGlass: btg,
        onBehalfOf: forOther ? { ura: q.requester.ura, organizationType: q.requester.organizationType } : null,
        professional: q.professional ?? null,
        outcome: permits === decisions.length ? "permit" : permits === 0 ? "deny" : "partial",
        holderUra: q.holder.ura,
        purpose: q.purpose,
        dataCategories: q.dataCategories,
        emergency: decisions.some((d) => d.temporary && d.decision === "permit"),
      },
    );
    if (btg) {
      const outcome = permits === 0 ? "no data may be shared" : "your choices allow sharing";
      this.notifications.add(
        citizen,
        "emergency-access",
        `Care provider ${q.requester.ura} declared an emergency (break-the-glass) and asked about your data (${q.dataCategories.join(", ")}): ${outcome}. Reason: ${btg.reason}`,
        null,
      );
    }
    return decisions;
  }

  locate(citizen: string, requester: Requester, purpose: Purpose, dataCategories: string[] | undefined): Source[] {
    const now = this.clock().now();
    const req = concrete(requester);
    const subs = this.subscriptions.ofCitizen(citizen);
    const all = this.versions.candidates(
      citizen,
      subs.map((s) => concrete({ ura: s.ura, organizationType: s.organization_type })),
      req,
    );
    const sources: Source[] = [];
    let emergency = false;
    for (const s of subs) {
      if (s.ura === requester.ura) continue;
      const held = JSON.parse(s.data_categories) as string[];
      const holder = concrete({ ura: s.ura, organizationType: s.organization_type });
      const permitted: string[] = [];
      for (const dc of dataCategories ?? held) {
        if (!held.includes(dc)) continue;
        const d = evaluate(all, { holder, requester: req, dataCategory: dc, purpose, now });
        if (d.decision === "permit") {
          permitted.push(dc);
          emergency ||= d.temporary;
        }
      }
      if (permitted.length) sources.push({ ura: s.ura, organizationType: s.organization_type, dataCategories: permitted });
    }
    this.log.log(
      citizen,
      { role: "provider", ...requester },
      { action: "locate", outcome: `${sources.length} source(s)`, purpose, dataCategories: dataCategories ?? ALL_CATEGORIES, emergency },
    );
    return sources;
  }
}
