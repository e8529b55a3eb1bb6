/**
 * "One particular provider" in the choice form: a search by name and place that works without JavaScript (the
 * search button posts the form, the page comes back with the results as radio buttons) and, with JavaScript,
 * refreshes the same results while typing (public/assets/portal.js fetches GET /mijn/zorgaanbieders, the fragment
 * below). The citizen picks a name; the URA travels only as the radio button's value.
 */
import type { Context } from "hono";
import type { DirectoryOrganisation } from "@regie/shared/contracts/consent";
import type { AppEnv } from "../env";
import type { FieldErrors, FormValues } from "../forms/errors";
import type { Messages } from "../i18n";
import { consent } from "../services/clients";

export type Side = "holder" | "requester";
export const SIDES: readonly Side[] = ["holder", "requester"];
export const PICKER_PAGE = 10;

export interface PickerResults {
  query: string;
  items: Pick<DirectoryOrganisation, "ura" | "name" | "place" | "active" | "organizationTypeDisplay">[];
  truncated: boolean;
}

/** Searches the address book for one side (active organisations, best first, at most PICKER_PAGE). */
export async function searchProviders(c: Context<AppEnv>, query: string): Promise<PickerResults> {
  const q = query.trim().slice(0, 100);
  if (!/[\p{L}\p{N}]/u.test(q)) return { query: q, items: [], truncated: false };
  const r = await consent(c).organisations({ q, limit: PICKER_PAGE });
  return { query: q, items: r.items, truncated: r.truncated };
}

function label(t: Messages, o: PickerResults["items"][number]) {
  return t.choiceSentence.orgLabel(o.name, o.place, !o.active);
}

/** The result list (also the fragment the script swaps in). `chosen` stays selectable when it is not among the results. */
export function PickerResultList({
  t,
  side,
  results,
  chosen,
  invalid,
}: {
  t: Messages;
  side: Side;
  results?: PickerResults;
  chosen?: PickerResults["items"][number];
  invalid?: boolean;
}) {
  const f = t.choiceForm;
  const name = `${side}Ura`;
  const items = [...(chosen && !results?.items.some((o) => o.ura === chosen.ura) ? [chosen] : []), ...(results?.items ?? [])];
  if (results && results.query === "" && items.length === 0) return <p class="hint">{f.searchEmpty}</p>;
  if (results && items.length === 0) return <p class="empty">{f.noResults(results.query)}</p>;
  if (items.length === 0) return null;
  return (
    <fieldset class="picker-results">
      <legend>{results ? f.results(results.query) : f.chosen}</legend>
      {items.map((o, i) => (
        <div class="radio">
          <input
            type="radio"
            id={i === 0 ? `f-${name}` : `f-${name}-${o.ura}`}
            name={name}
            value={o.ura}
            checked={o.ura === chosen?.ura || items.length === 1}
            aria-invalid={invalid ? "true" : undefined}
          />
          <label for={i === 0 ? `f-${name}` : `f-${name}-${o.ura}`}>{label(t, o)}</label>
          <p class="hint">{[o.organizationTypeDisplay, t.accessLog.uraDetail(o.ura)].filter(Boolean).join(" · ")}</p>
        </div>
      ))}
      {results?.truncated && <p class="hint">{f.moreResults}</p>}
    </fieldset>
  );
}

export function ProviderPicker({
  c,
  side,
  values,
  errors,
  results,
  chosen,
}: {
  c: Context<AppEnv>;
  side: Side;
  values: FormValues;
  errors: FieldErrors;
  results?: PickerResults;
  chosen?: PickerResults["items"][number];
}) {
  const t = c.get("t");
  const f = t.choiceForm;
  const search = `${side}Search`;
  const error = errors[`${side}Ura`];
  const sideLabel = side === "holder" ? f.holderSearch : f.requesterSearch;
  return (
    <div class={`field provider-picker${error ? " field-invalid" : ""}`} data-picker={side}>
      <label for={`f-${search}`}>{sideLabel}</label>
      <p class="hint" id={`f-${search}-hint`}>
        {f.searchHint}
      </p>
      {error && (
        <p class="field-error" id={`f-${side}Ura-error`}>
          {error}
        </p>
      )}
      <div class="search-row">
        <input
          id={`f-${search}`}
          name={search}
          type="search"
          value={values[search] ?? ""}
          autocomplete="off"
          aria-invalid={error ? "true" : undefined}
          aria-describedby={[`f-${search}-hint`, error ? `f-${side}Ura-error` : ""].filter(Boolean).join(" ")}
          aria-controls={`f-${side}-results`}
          data-picker-input={side}
        />
        <button type="submit" name="action" value={`search-${side}`} class="button button-secondary" aria-label={f.searchButtonLabel(sideLabel)}>
          {f.searchButton}
        </button>
      </div>
      <div id={`f-${side}-results`} aria-live="polite" data-picker-results={side}>
        <PickerResultList t={t} side={side} results={results} chosen={chosen} invalid={!!error} />
      </div>
    </div>
  );
}
