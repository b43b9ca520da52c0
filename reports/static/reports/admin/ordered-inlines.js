// Move buttons for ordered inlines: reorder rows without typing position numbers.
"use strict";
(function () {
  function rows(group) {
    return Array.from(group.querySelectorAll(".inline-related:not(.empty-form), tr.form-row:not(.empty-form)"))
      .filter(function (row) { return row.querySelector("input[data-ordering]"); });
  }

  function renumber(group) {
    rows(group).forEach(function (row, index) {
      row.querySelector("input[data-ordering]").value = index + 1;
    });
  }

  function button(label, onClick) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "button ordered-inline__move";
    b.textContent = label;
    b.addEventListener("click", onClick);
    return b;
  }

  function addButtons(group, row) {
    if (row.querySelector(".ordered-inline__move")) return;
    var name = (row.querySelector(".inline_label, td.original p, input[type=text]") || {}).textContent || "row";
    var holder = document.createElement("span");
    holder.className = "ordered-inline__controls";
    var up = button("Move up", function () {
      var prev = row.previousElementSibling;
      while (prev && !prev.querySelector("input[data-ordering]")) prev = prev.previousElementSibling;
      if (prev) { row.parentNode.insertBefore(row, prev); renumber(group); up.focus(); }
    });
    var down = button("Move down", function () {
      var next = row.nextElementSibling;
      while (next && !next.querySelector("input[data-ordering]")) next = next.nextElementSibling;
      if (next) { row.parentNode.insertBefore(next, row); renumber(group); down.focus(); }
    });
    up.setAttribute("aria-label", "Move up: " + name.trim());
    down.setAttribute("aria-label", "Move down: " + name.trim());
    holder.append(up, down);
    var target = row.querySelector("h3") || row.querySelector("td.original") || row.firstElementChild;
    target.appendChild(holder);
  }

  function init() {
    document.querySelectorAll(".ordered-inline").forEach(function (fieldset) {
      var group = fieldset.closest(".inline-group") || fieldset;
      rows(group).forEach(function (row) { addButtons(group, row); });
      renumber(group);
    });
  }

  document.addEventListener("DOMContentLoaded", init);
  document.addEventListener("formset:added", function (event) {
    var group = event.target.closest(".inline-group");
    if (group) { addButtons(group, event.target); renumber(group); }
  });
})();
