import type { Context } from "hono";
import type { Child } from "hono/jsx";
import type { AppEnv } from "../env";
import { CSRF_FIELD } from "../security/csrf";
import type { FieldErrors, FormValues } from "../forms/errors";

export function CsrfField({ c }: { c: Context<AppEnv> }) {
  return <input type="hidden" name={CSRF_FIELD} value={c.get("session").csrf} />;
}

/** The error summary at the top of a form: focusable, links to each field. */
export function ErrorSummary({ c, errors, fieldIds }: { c: Context<AppEnv>; errors: FieldErrors; fieldIds?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1} id="error-summary">
      <h2 id="error-summary-title">{c.get("t").errorSummaryTitle}</h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            <a href={`#${fieldIds?.[field] ?? `f-${field}`}`}>{message}</a>
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * What every form starts with: the error summary (`formId`: where an error of the whole form links to), with
 * `formError` that error again as a paragraph, and the CSRF token.
 */
export function FormHead(p: { c: Context<AppEnv>; errors: FieldErrors; formId?: string; fieldIds?: Record<string, string>; formError?: boolean }) {
  const fieldIds = p.formId ? { form: p.formId, ...p.fieldIds } : p.fieldIds;
  return (
    <>
      <ErrorSummary c={p.c} errors={p.errors} fieldIds={fieldIds} />
      {p.formError && p.errors.form && <p class="field-error">{p.errors.form}</p>}
      <CsrfField c={p.c} />
    </>
  );
}

interface FieldProps {
  name: string;
  label: string;
  errors: FieldErrors;
  values: FormValues;
  hint?: string;
  type?: string;
  required?: boolean;
  autocomplete?: string;
  inputmode?: "text" | "numeric" | "email" | "tel" | "url" | "search" | "none" | "decimal";
}

function describedBy(name: string, hint: string | undefined, error: string | undefined) {
  const ids = [hint ? `f-${name}-hint` : "", error ? `f-${name}-error` : ""].filter(Boolean).join(" ");
  return ids || undefined;
}

function FieldMessages({ name, hint, error }: { name: string; hint?: string; error?: string }) {
  return (
    <>
      {hint && (
        <p class="hint" id={`f-${name}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p class="field-error" id={`f-${name}-error`}>
          {error}
        </p>
      )}
    </>
  );
}

/** The label, hint and error around one form control (the control is the child). */
function FieldShell({ p, error, children }: { p: FieldProps; error: string | undefined; children: Child }) {
  return (
    <div class={`field${error ? " field-invalid" : ""}`}>
      <label for={`f-${p.name}`}>{p.label}</label>
      <FieldMessages name={p.name} hint={p.hint} error={error} />
      {children}
    </div>
  );
}

/** A control's id and name (its first attributes). */
const named = (p: FieldProps) => ({ id: `f-${p.name}`, name: p.name });

/** A control's validity state (its last attributes): invalid, and which hint and error describe it. */
const validity = (p: FieldProps, error: string | undefined) => ({
  "aria-invalid": error ? "true" : undefined,
  "aria-describedby": describedBy(p.name, p.hint, error),
});

export function TextField(p: FieldProps) {
  const error = p.errors[p.name];
  return (
    <FieldShell p={p} error={error}>
      <input
        {...named(p)}
        type={p.type ?? "text"}
        value={p.values[p.name] ?? ""}
        required={p.required}
        autocomplete={p.autocomplete}
        inputmode={p.inputmode}
        {...validity(p, error)}
      />
    </FieldShell>
  );
}

export function TextArea(p: FieldProps & { rows?: number }) {
  const error = p.errors[p.name];
  return (
    <FieldShell p={p} error={error}>
      <textarea {...named(p)} rows={p.rows ?? 5} required={p.required} {...validity(p, error)}>
        {p.values[p.name] ?? ""}
      </textarea>
    </FieldShell>
  );
}

export function SelectField(p: FieldProps & { options: { value: string; label: string }[]; placeholder?: string }) {
  const error = p.errors[p.name];
  const current = p.values[p.name] ?? "";
  return (
    <FieldShell p={p} error={error}>
      <select {...named(p)} required={p.required} {...validity(p, error)}>
        {p.placeholder !== undefined && <option value="">{p.placeholder}</option>}
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** A group of radio buttons in a fieldset; the error is tied to the fieldset's legend. */
export function RadioGroup(p: Omit<FieldProps, "type"> & { options: { value: string; label: string; hint?: string }[] }) {
  const error = p.errors[p.name];
  const current = p.values[p.name] ?? "";
  return (
    <fieldset class={`field${error ? " field-invalid" : ""}`} id={`f-${p.name}`} aria-describedby={describedBy(p.name, p.hint, error)}>
      <legend>{p.label}</legend>
      <FieldMessages name={p.name} hint={p.hint} error={error} />
      {p.options.map((o, i) => (
        <div class="radio">
          <input
            type="radio"
            id={`f-${p.name}-${i}`}
            name={p.name}
            value={o.value}
            checked={o.value === current}
            required={p.required}
            aria-invalid={error ? "true" : undefined}
          />
          <label for={`f-${p.name}-${i}`}>{o.label}</label>
          {o.hint && <p class="hint">{o.hint}</p>}
        </div>
      ))}
    </fieldset>
  );
}

/** Radio or select options from labels keyed by value, in the labels' order. */
export function optionsOf(labels: Record<string, string>): { value: string; label: string }[] {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}

export function SubmitButton({ children, variant }: { children: Child; variant?: "secondary" | "danger" }) {
  return (
    <button type="submit" class={`button${variant ? ` button-${variant}` : ""}`}>
      {children}
    </button>
  );
}
