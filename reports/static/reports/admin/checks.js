// Content checks: a finding's link moves the focus to its field and selects the text it is about.
"use strict";
(function () {
  function findElement(link) {
    var inline = link.dataset.checkInline;
    if (inline) {
      // Find the inline row by its primary key, in case rows were reordered since the page loaded.
      var group = document.getElementById(inline + "-group");
      var ids = group ? group.querySelectorAll('input[name$="-id"]') : [];
      for (var i = 0; i < ids.length; i++) {
        if (ids[i].value === link.dataset.checkPk) {
          var prefix = ids[i].name.slice(0, -"-id".length);
          var field = document.getElementById("id_" + prefix + "-" + link.dataset.checkField);
          if (field) return field;
        }
      }
    }
    return document.getElementById(link.dataset.checkElement);
  }

  function reveal(element) {
    for (var node = element; node; node = node.parentElement) {
      if (node.tagName === "DETAILS") node.open = true;
      if (node.classList && node.classList.contains("collapsed")) node.classList.remove("collapsed");
    }
  }

  function select(element, start, end) {
    if (typeof element.setSelectionRange !== "function" || isNaN(start)) return;
    element.setSelectionRange(start, end);
    if (element.tagName === "TEXTAREA") {
      var lines = element.value.slice(0, start).split("\n").length;
      var lineHeight = parseFloat(getComputedStyle(element).lineHeight) || 18;
      element.scrollTop = Math.max(0, lines * lineHeight - element.clientHeight / 2);
    }
  }

  function go(link, event) {
    var element = findElement(link);
    if (!element) return;
    event.preventDefault();
    reveal(element);
    element.scrollIntoView({ block: "center" });
    if (!element.matches("input, textarea, select, button, a[href]")) element.setAttribute("tabindex", "-1");
    element.focus({ preventScroll: true });
    select(element, parseInt(link.dataset.checkStart, 10), parseInt(link.dataset.checkEnd, 10));
    element.classList.add("govreport-checks-highlight");
    window.setTimeout(function () { element.classList.remove("govreport-checks-highlight"); }, 4000);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-check-element]");
    if (!link) return;
    var url = new URL(link.href, window.location.href);
    if (url.pathname === window.location.pathname) go(link, event);
  });
})();
