import { ChoiceInput, type Choice } from "@regie/shared/contracts/consent";
import type { Messages } from "../i18n";
import { endOfValidity } from "../present/choice-sentence";
import { issuesToFieldErrors, problemIssues, type FieldErrors, type FormValues, type ProblemLike } from "./errors";

/**
 * The choice form's fields. `holder`/`requester` hold a provider category, or "ura" for one named organisation, which
 * the citizen finds with `holderSearch`/`requesterSearch` and picks as `holderUra`/`requesterUra` (a radio button).
 */
export const CHOICE_FIELDS = [
  "holder",
  "holderSearch",
  "holderUra",
  "requester",
  "requesterSearch",
  "requesterUra",
  "dataCategory",
  "decision",
  "validUntil",
] as const;

/** Contract path (e.g. "holder/ura") -> form field. */
export function choiceFieldFor(path: string): string | undefined {
  const [head, sub] = path.split("/");
  if (head === "holder" || head === "requester") return sub === "ura" ? `${head}Ura` : head;
  if (head === "dataCategory" || head === "decision" || head === "validUntil") return head;
  return undefined;
}

function messageFor(t: Messages) {
  return (field: string) => (t.choiceForm.errors as Record<string, string>)[field] ?? t.choiceForm.errors.form;
}

function party(kind: string | undefined, ura: string | undefined) {
  if (kind === "ura") return { ura: (ura ?? "").trim() };
  return { category: kind ?? "" };
}

/** Form values -> a ChoiceInput validated with the shared schema, or the errors per field. */
export function parseChoiceForm(t: Messages, values: FormValues): { ok: true; input: ChoiceInput } | { ok: false; errors: FieldErrors } {
  const candidate = {
    holder: party(values.holder, values.holderUra),
    requester: party(values.requester, values.requesterUra),
    dataCategory: values.dataCategory ?? "",
    decision: values.decision ?? "",
    validUntil: values.validUntil ? values.validUntil : null,
  };
  const parsed = ChoiceInput.safeParse(candidate);
  if (parsed.success) return { ok: true, input: parsed.data };
  return { ok: false, errors: issuesToFieldErrors(parsed.error.issues, choiceFieldFor, messageFor(t)) };
}

/** The service's validation answer (problem+json errors[]) as field errors. */
export function choiceProblemErrors(t: Messages, problem: ProblemLike): FieldErrors {
  const errors = issuesToFieldErrors(problemIssues(problem), choiceFieldFor, messageFor(t));
  return Object.keys(errors).length ? errors : { form: t.choiceForm.errors.form };
}

/** An existing choice as form values (for the change form). */
export function choiceToValues(choice: Choice): FormValues {
  const side = (p: Choice["holder"]) => ("ura" in p ? { kind: "ura", ura: p.ura } : { kind: p.category, ura: "" });
  const h = side(choice.holder);
  const r = side(choice.requester);
  return {
    holder: h.kind,
    holderUra: h.ura,
    requester: r.kind,
    requesterUra: r.ura,
    dataCategory: choice.dataCategory,
    decision: choice.decision,
    validUntil: choice.validUntil ? (endOfValidity(choice.validUntil).through ?? choice.validUntil.slice(0, 10)) : "",
  };
}
