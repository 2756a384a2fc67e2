// socialplan: the little JavaScript the pages need. No inline scripts anywhere (CSP).
"use strict";

// A finding points at a plan path; its field id is derived from that path ("f-goals-0-title").
// If the exact input is not on the page (the path names a whole item, or a part without an
// input of its own), the nearest enclosing item or section is the target.
function fieldFor(id) {
  let parts = id.split("-");
  while (parts.length > 1) {
    const element = document.getElementById(parts.join("-"));
    if (element) return element;
    parts = parts.slice(0, -1);
  }
  return null;
}

function focusField(id) {
  const target = fieldFor(id);
  if (!target) return false;
  target.scrollIntoView({ block: "center" });
  const focusable = target.matches("input, select, textarea, fieldset[tabindex], section[tabindex]")
    ? target
    : target.querySelector("input, select, textarea");
  (focusable || target).focus({ preventScroll: true });
  return true;
}

// Following a link to a field (a review finding) moves the keyboard focus there too.
document.addEventListener("click", function (event) {
  const link = event.target.closest('a[href^="#f-"]');
  if (!link) return;
  const id = link.getAttribute("href").slice(1);
  if (focusField(id)) {
    event.preventDefault();
    history.replaceState(null, "", "#" + id);
  }
});

// Arriving from the plan page's findings: go to the field the finding concerns.
window.addEventListener("DOMContentLoaded", function () {
  if (location.hash.startsWith("#f-")) focusField(location.hash.slice(1));
});

// Charts: the Vega-Lite specs sit in JSON script elements; render them with the bundle the app serves.
// The expression interpreter keeps Vega from compiling code at run time (no 'unsafe-eval' in the CSP).
function renderCharts() {
  if (typeof window.vegaEmbed !== "function") return;
  document.querySelectorAll(".chart-view[data-spec]").forEach(function (element) {
    const source = document.getElementById(element.dataset.spec);
    if (!source) return;
    const spec = JSON.parse(source.textContent);
    window.vegaEmbed(element, spec, {
      actions: false,
      // SVG, not canvas: the browser lays out each label's text itself, with the bidirectional
      // algorithm (app.css gives every label its own base direction), so Hebrew titles, rotated
      // or not, read right to left. Vega sets its SVG styles through the CSSOM, which the CSP allows.
      renderer: "svg",
      // With ast, vega-embed evaluates expressions with the interpreter it bundles.
      ast: true,
      defaultStyle: false,
      // vega-tooltip would inject a <style> element; its look lives in app.css instead.
      tooltip: { disableDefaultStyle: true },
    }).catch(function (error) {
      element.textContent = error.message;
    });
  });
}

window.addEventListener("load", renderCharts);
