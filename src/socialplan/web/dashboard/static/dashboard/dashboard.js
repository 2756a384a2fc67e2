// socialplan dashboards: drag-and-drop uploads, the import progress bar, the mapping form.
// A static file (the CSP allows no inline script); every page works without it too.
"use strict";

function listFiles(zone, files) {
  const list = zone.querySelector("[data-drop-list]");
  if (!list) return;
  list.replaceChildren();
  Array.from(files).forEach(function (file) {
    const item = document.createElement("li");
    item.textContent = file.name + " (" + Math.max(1, Math.round(file.size / 1024)) + " KB)";
    item.dir = "auto";
    list.appendChild(item);
  });
}

function setUpDropZone(zone) {
  const input = zone.querySelector("input[type=file]");
  if (!input) return;
  input.addEventListener("change", function () { listFiles(zone, input.files); });
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("dragging");
    });
  });
  ["dragleave", "drop"].forEach(function (name) {
    zone.addEventListener(name, function () { zone.classList.remove("dragging"); });
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    if (!event.dataTransfer || !event.dataTransfer.files.length) return;
    input.files = event.dataTransfer.files;
    listFiles(zone, input.files);
  });
}

function followProgress(box) {
  if (box.dataset.finished === "true") return;
  const bar = box.querySelector("progress");
  const text = box.querySelector("[data-progress-text]");
  const url = box.dataset.progressUrl;
  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (state) {
        bar.max = Math.max(1, state.files_total);
        bar.value = state.files_done;
        if (text && text.dataset.template) {
          const line = text.dataset.template
            .replace("FILES_DONE", state.files_done)
            .replace("FILES_TOTAL", state.files_total);
          text.firstChild.textContent = line + " · ";
        }
        if (state.finished) {
          window.location.reload();
        } else {
          window.setTimeout(poll, 800);
        }
      })
      .catch(function () { window.setTimeout(poll, 2000); });
  }
  poll();
}

// The mapping form shows only the fields of the kind of table chosen.
function setUpMapping(form) {
  const select = form.querySelector("select[name$='table']");
  if (!select) return;
  function show() {
    form.querySelectorAll("[data-mapping-table]").forEach(function (fieldset) {
      fieldset.hidden = fieldset.dataset.mappingTable !== select.value;
    });
  }
  select.addEventListener("change", show);
  show();
}

window.addEventListener("DOMContentLoaded", function () {
  document.querySelectorAll("[data-drop-zone]").forEach(setUpDropZone);
  document.querySelectorAll("[data-progress-url]").forEach(followProgress);
  document.querySelectorAll(".mapping-form").forEach(setUpMapping);
});
