import type { Problem } from "@regie/shared";

/** Field name -> message, shown next to the field and in the error summary. */
export type FieldErrors = Record<string, string>;
/** What the user typed, to show again after an error. */
export type FormValues = Record<string, string>;

type Issue = { path: ReadonlyArray<PropertyKey>; message: string };

/**
 * Maps validation issues (from a shared zod schema, or a service's problem+json `errors[]`) onto
 * form fields. `fieldFor` turns a contract path like "holder/ura" into a form field name; issues it
 * cannot place go to `fallback`. The first message per field wins.
 */
export function issuesToFieldErrors(
  issues: ReadonlyArray<Issue>,
  fieldFor: (path: string) => string | undefined,
  messageFor: (field: string, message: string) => string,
  fallback = "form",
): FieldErrors {
  const out: FieldErrors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join("/");
    const field = fieldFor(path) ?? fallback;
    out[field] ??= messageFor(field, issue.message);
  }
  return out;
}

/** problem+json `errors[]` (JSON pointers) as issues. */
/** The part of a service's problem+json the forms use. */
export type ProblemLike = Pick<Problem, "detail" | "errors"> | undefined;

export function problemIssues(problem: ProblemLike): Issue[] {
  return (problem?.errors ?? []).map((e) => ({ path: e.path.replace(/^\//, "").split("/").filter(Boolean), message: e.message }));
}

/** Form body (string fields only; files ignored) as plain values. */
export function formValues(body: Record<string, unknown>): FormValues {
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") out[k] = v;
  return out;
}
