// Drop or paste an image into a section's markdown editor: ask for its alt text, upload it into
// the report's media library, and insert its [Image: slug] shortcode on a line of its own.
// markdownx would upload it itself and insert ![](url); we take the event first, in the capture
// phase on the editor's wrapper, so that every image goes through the media library's checks.
"use strict";
(function () {
  var IMAGE_TYPES = ["image/jpeg", "image/png", "image/gif", "image/webp"];

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) { node.setAttribute(name, attributes[name]); });
    if (text) node.textContent = text;
    return node;
  }

  function csrfToken(editor) {
    var input = (editor.form || document).querySelector("input[name=csrfmiddlewaretoken]");
    return input ? input.value : "";
  }

  function sectionId(editor) {
    var idInput = editor.form && editor.form.elements[editor.name.replace(/-body$/, "-id")];
    return idInput ? idInput.value : "";
  }

  function announce(editor, message, isError) {
    var status = editor.parentNode.querySelector(".govreport-upload-status");
    if (!status) {
      status = el("p", { "class": "govreport-upload-status", role: "status", "aria-live": "polite" });
      editor.parentNode.insertBefore(status, editor);
    }
    status.classList.toggle("govreport-upload-status--error", Boolean(isError));
    status.textContent = message;
  }

  function insertShortcode(editor, at, shortcode) {
    var before = editor.value.slice(0, at).replace(/[ \t]*$/, "");
    var after = editor.value.slice(at).replace(/^[ \t]*/, "");
    var lead = before === "" ? "" : before.endsWith("\n\n") ? "" : before.endsWith("\n") ? "\n" : "\n\n";
    var tail = after.startsWith("\n\n") ? "" : after.startsWith("\n") ? "\n" : "\n\n";
    editor.value = before + lead + shortcode + tail + after;
    var caret = (before + lead + shortcode).length;
    editor.setSelectionRange(caret, caret);
    // markdownx listens for input to refresh its preview.
    editor.dispatchEvent(new Event("input", { bubbles: true }));
  }

  function describeDialog(file) {
    var id = "govreport-upload-" + Date.now();
    var dialog = el("dialog", { "class": "govreport-upload-dialog", "aria-labelledby": id + "-heading" });
    var form = el("form", { method: "dialog", novalidate: "" });
    form.append(
      el("h2", { id: id + "-heading" }, "Add “" + file.name + "” to the media library"),
      el("p", { "class": "govreport-upload-dialog__error", role: "alert", id: id + "-error" }),
      el("label", { "for": id + "-alt" }, "Alt text"),
      el("p", { "class": "help", id: id + "-alt-help" }, "Describe what the image shows for people who cannot see it."),
      el("textarea", { id: id + "-alt", name: "alt_text", rows: "3", "aria-describedby": id + "-alt-help " + id + "-error" })
    );
    var decorative = el("div", { "class": "govreport-upload-dialog__check" });
    decorative.append(
      el("input", { type: "checkbox", id: id + "-decorative", name: "decorative" }),
      el("label", { "for": id + "-decorative" }, "The image is decorative: it carries no information")
    );
    form.append(
      decorative,
      el("label", { "for": id + "-caption" }, "Caption (optional)"),
      el("input", { type: "text", id: id + "-caption", name: "caption" })
    );
    var buttons = el("div", { "class": "submit-row" });
    buttons.append(
      el("button", { type: "submit", value: "upload", "class": "default" }, "Upload and insert"),
      el("button", { type: "submit", value: "cancel", formnovalidate: "" }, "Cancel")
    );
    form.append(buttons);
    dialog.append(form);
    document.body.append(dialog);
    return dialog;
  }

  function upload(editor, file, at) {
    var dialog = describeDialog(file);
    var form = dialog.querySelector("form");
    var error = dialog.querySelector("[role=alert]");
    form.addEventListener("submit", function (event) {
      if (!event.submitter || event.submitter.value !== "upload") return;
      event.preventDefault();
      var data = new FormData(form);
      data.append("image", file);
      data.append("section", sectionId(editor));
      error.textContent = "";
      fetch(editor.getAttribute("data-govreport-upload-url"), {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { "X-CSRFToken": csrfToken(editor), "X-Requested-With": "XMLHttpRequest" },
      })
        .then(function (response) { return response.json().then(function (json) { return [response.ok, json]; }); })
        .then(function (result) {
          if (!result[0]) {
            error.textContent = result[1].error || "The image could not be uploaded.";
            return;
          }
          dialog.close();
          insertShortcode(editor, at, result[1].shortcode);
          var warning = result[1].warning;
          announce(
            editor,
            "Uploaded “" + file.name + "” and inserted " + result[1].shortcode + "." + (warning ? " " + warning : ""),
            Boolean(warning)
          );
        })
        .catch(function () { error.textContent = "The image could not be uploaded. Check your connection and try again."; });
    });
    dialog.addEventListener("close", function () { dialog.remove(); editor.focus(); });
    dialog.showModal();
  }

  function files(event) {
    var transfer = event.dataTransfer || event.clipboardData;
    return transfer ? Array.from(transfer.files || []) : [];
  }

  function intercept(editor) {
    var wrapper = editor.closest(".markdownx") || editor.parentNode;
    function handle(event) {
      if (event.target !== editor) return;
      var dropped = files(event);
      if (!dropped.length) return;
      // Stop markdownx's own upload, which would insert ![](url) and skip the alt text.
      event.preventDefault();
      event.stopPropagation();
      var url = editor.getAttribute("data-govreport-upload-url");
      if (!url) {
        announce(editor, "Save the report first, then drop images into the editor.", true);
        return;
      }
      var at = editor.selectionStart;
      var images = dropped.filter(function (file) { return IMAGE_TYPES.indexOf(file.type) !== -1; });
      if (images.length !== dropped.length) {
        announce(editor, "Only JPEG, PNG, GIF and WebP images can be dropped into the editor. Add attachments in the media library.", true);
      }
      if (images.length) upload(editor, images[0], at);
    }
    wrapper.addEventListener("drop", handle, true);
    wrapper.addEventListener("paste", handle, true);
  }

  function init(root) {
    root.querySelectorAll("textarea.markdownx-editor").forEach(function (editor) {
      if (editor.hasAttribute("data-govreport-upload-init")) return;
      editor.setAttribute("data-govreport-upload-init", "");
      intercept(editor);
    });
  }

  document.addEventListener("DOMContentLoaded", function () { init(document); });
  document.addEventListener("formset:added", function (event) { init(event.target); });
})();
