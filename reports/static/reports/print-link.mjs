// "Print this page": a button that opens the browser's print dialogue.
export function initPrintLinks(root = document) {
  for (const button of root.querySelectorAll('[data-module="govreport-print-link"]')) {
    button.addEventListener("click", () => window.print());
  }
}
