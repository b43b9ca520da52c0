import { initAll } from "../govuk/govuk-frontend.min.js";
import { initPrintLinks } from "./print-link.mjs";

initAll();
initPrintLinks();
