/**
 * What POST /dev/seed creates for the shared demo identities (packages/shared/src/demo.ts). Documented in
 * docs/consent.md; keep the two in step.
 */
import { DEMO_PROVIDERS, type DemoProvider } from "@regie/shared/demo";
import type { ChoiceInput } from "@regie/shared/contracts/consent";
import type { Actor } from "../storage/shard/result";

const p = (key: string): DemoProvider => DEMO_PROVIDERS.find((x) => x.key === key)!;
const asProvider = (key: string): Actor => ({ role: "provider", ura: p(key).ura, organizationType: p(key).organizationType });
const org = (key: string) => ({ ura: p(key).ura, organizationType: p(key).organizationType });
const citizen: Actor = { role: "citizen" };
const guardian: Actor = { role: "guardian" };

export interface DemoSpec {
  choices: { input: ChoiceInput; actor: Actor; pending?: boolean }[];
  subscriptions: { ura: string; organizationType: string }[];
  optOut?: boolean;
  checks: { holder: { ura: string; organizationType: string }; requester: { ura: string; organizationType: string }; dataCategories: string[] }[];
}

export const DEMO_CONSENT: Record<string, DemoSpec> = {
  jan: {
    choices: [
      { input: { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit" }, actor: citizen },
      { input: { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC013", decision: "permit" }, actor: citizen },
      { input: { holder: { category: "huisarts" }, requester: { ura: p("umc").ura }, dataCategory: "GGC002", decision: "deny" }, actor: citizen },
    ],
    subscriptions: [org("huisarts"), org("apotheek")],
    checks: [
      { holder: org("huisarts"), requester: org("ziekenhuis"), dataCategories: ["GGC002"] },
      { holder: org("huisarts"), requester: org("umc"), dataCategories: ["GGC002"] },
    ],
  },
  fatima: {
    choices: [
      { input: { holder: { category: "ziekenhuis" }, requester: { category: "huisarts" }, dataCategory: "GGC002", decision: "permit" }, actor: citizen },
      {
        input: {
          holder: { category: "apotheek" },
          requester: { category: "ziekenhuis" },
          dataCategory: "GGC013",
          decision: "permit",
          validUntil: "2027-12-31",
        },
        actor: asProvider("apotheek"),
      },
    ],
    subscriptions: [org("ziekenhuis"), org("apotheek")],
    optOut: true,
    checks: [{ holder: org("apotheek"), requester: org("ziekenhuis"), dataCategories: ["GGC013"] }],
  },
  noor: {
    choices: [
      { input: { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit" }, actor: guardian },
    ],
    subscriptions: [org("huisarts")],
    checks: [],
  },
  sem: {
    choices: [{ input: { holder: { category: "huisarts" }, requester: { category: "ggz" }, dataCategory: "GGC002", decision: "deny" }, actor: citizen }],
    subscriptions: [org("huisarts"), org("ggz")],
    checks: [{ holder: org("huisarts"), requester: org("ggz"), dataCategories: ["GGC002"] }],
  },
  wilma: {
    choices: [
      {
        input: { holder: { category: "huisarts" }, requester: { category: "vvt" }, dataCategory: "GGC002", decision: "permit" },
        actor: asProvider("huisarts"),
      },
      { input: { holder: { category: "huisarts" }, requester: { category: "apotheek" }, dataCategory: "GGC002", decision: "permit" }, actor: citizen },
      { input: { holder: { category: "huisarts" }, requester: { category: "ziekenhuis" }, dataCategory: "GGC002", decision: "permit" }, actor: citizen },
    ],
    subscriptions: [org("huisarts"), org("apotheek"), org("lab")],
    checks: [{ holder: org("huisarts"), requester: org("apotheek"), dataCategories: ["GGC013", "GGC012"] }],
  },
  daan: { choices: [], subscriptions: [org("huisarts")], checks: [] },
};
