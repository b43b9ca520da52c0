// Copy buttons for the media library's shortcodes. The shortcodes stay selectable text without JS.
"use strict";
(function () {
  function copy(button) {
    var code = document.getElementById(button.getAttribute("data-copy"));
    var status = document.querySelector(".govreport-copy-status");
    var text = code.textContent.trim();
    function done(message) { if (status) status.textContent = message; }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(
        function () { done("Copied " + text + " to the clipboard."); },
        function () { select(code); done("Select " + text + " and copy it with your keyboard."); }
      );
    } else {
      select(code);
      done(document.execCommand("copy") ? "Copied " + text + " to the clipboard." : "Press Ctrl+C (or ⌘C) to copy " + text + ".");
    }
  }

  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("button[data-copy]").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { copy(button); });
    });
  });
})();
