// Loaded synchronously at the top of <body>, before anything paints: GOV.UK Frontend's
// "JavaScript is on" classes, without an inline script (the CSP forbids those).
document.body.className +=
  " js-enabled" +
  ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
