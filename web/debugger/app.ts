// The page's entry: starts the Event Debugger or the Integrations page, as the HTML shell names it.

import { startDebugger } from "./events-page.js";
import { startIntegrations } from "./integrations-page.js";

const root = document.getElementById("app");
if (root !== null) {
  if (document.body.dataset.page === "integrations") startIntegrations(root);
  else startDebugger(root);
}
