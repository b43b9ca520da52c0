import { initAll } from "../govuk/govuk-frontend.min.js";
import { initVideos } from "./media.mjs";
import { initPrintLinks } from "./print-link.mjs";

initAll();
initPrintLinks();
initVideos();
