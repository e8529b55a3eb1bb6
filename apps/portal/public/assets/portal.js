/* global document, window, HTMLElement, HTMLInputElement */
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
