// socialplan: the little JavaScript the pages need. No inline scripts anywhere (CSP).
"use strict";

// Following a link to a field (a review finding) moves the keyboard focus there too.
document.addEventListener("click", function (event) {
  const link = event.target.closest('a[href^="#f-"]');
  if (!link) return;
  const target = document.getElementById(link.getAttribute("href").slice(1));
  if (!target) return;
  event.preventDefault();
  target.scrollIntoView({ block: "center" });
  const focusable = target.matches("input, select, textarea, fieldset[tabindex], section[tabindex]")
    ? target
    : target.querySelector("input, select, textarea");
  (focusable || target).focus({ preventScroll: true });
  history.replaceState(null, "", link.getAttribute("href"));
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
      renderer: "canvas",  // the SVG renderer writes style attributes, which the CSP forbids
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
