/* global document, window, HTMLElement, HTMLInputElement, HTMLSelectElement */
// Small progressive enhancement; every page works without it.
// - facet checkboxes submit the search form at once (the "apply filters" button is hidden then);
// - the error summary gets focus so screen-reader and keyboard users land on it.
document.documentElement.classList.add("js");
document.addEventListener("change", (event) => {
  const target = event.target;
  if (target instanceof HTMLInputElement && target.hasAttribute("data-autosubmit") && target.form) {
    const cursor = target.form.querySelector("input[name=cursor]");
    if (cursor) cursor.remove();
    target.form.requestSubmit();
  }
});
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.getElementById("error-summary");
  if (summary) summary.focus();
});

// A permit page's print button (a real button; printing is also the browser's own menu item).
document.addEventListener("click", (event) => {
  const target = event.target;
  if (target instanceof HTMLElement && target.closest("[data-print]")) window.print();
});
// Provider search in the choice form (src/citizen/provider-picker.tsx): without script the "Zoeken" button posts
// the form and the page comes back with the results; with script the same result list is refreshed while typing
// (an HTML fragment from GET /mijn/zorgaanbieders, same origin: CSP connect-src 'self'), announced by its
// aria-live region. Picking a provider also selects "one particular provider" on that side.
const pickerTimers = new Map();
document.addEventListener("input", (event) => {
  const input = event.target;
  if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-picker-input")) return;
  const side = input.getAttribute("data-picker-input");
  const results = document.querySelector(`[data-picker-results="${side}"]`);
  if (!results) return;
  clearTimeout(pickerTimers.get(side));
  const q = input.value.trim();
  if (q.length < 2) return;
  pickerTimers.set(
    side,
    setTimeout(() => {
      const url = `/mijn/zorgaanbieders?side=${encodeURIComponent(side)}&q=${encodeURIComponent(q)}`;
      fetch(url, { headers: { accept: "text/html" }, credentials: "same-origin" })
        .then((res) => (res.ok ? res.text() : Promise.reject(new Error(String(res.status)))))
        .then((html) => {
          if (input.value.trim() !== q) return;
          results.innerHTML = html;
          const select = document.getElementById(`f-${side}`);
          if (select instanceof HTMLSelectElement) select.value = "ura";
        })
        .catch(() => {
          // the search button still works
        });
    }, 250),
  );
});
document.addEventListener("change", (event) => {
  const target = event.target;
  if (!(target instanceof HTMLInputElement) || target.type !== "radio") return;
  const match = /^(holder|requester)Ura$/.exec(target.name);
  if (!match) return;
  const select = document.getElementById(`f-${match[1]}`);
  if (select instanceof HTMLSelectElement) select.value = "ura";
});
