// How one event's result at one integration reads: a coloured badge with the status, the id or the reason.

import type { OutcomeView } from "../../serve/debugger/api-types.js";
import { formatTime, h } from "./dom.js";

export function outcomeText(o: OutcomeView): string {
  switch (o.state) {
    case "delivered":
      return ["delivered", o.httpStatus, o.destinationId !== undefined ? `· id ${o.destinationId}` : ""]
        .filter((part) => part !== undefined && part !== "")
        .join(" ");
    case "dropped":
      return `dropped: ${o.message ?? "not for this integration"}`;
    case "failed":
      return `failed${o.code !== undefined ? ` ${o.code}` : ""}: ${o.message ?? "no message"}`;
    case "retrying":
      return `retrying (${o.attempts} ${o.attempts === 1 ? "attempt" : "attempts"}${o.code ? `, last ${o.code}` : ""}, next ${formatTime(o.nextAttemptAt)})`;
    case "pending":
      return "pending";
    case "dead":
      return `dead${o.code !== undefined ? ` ${o.code}` : ""}: ${o.message ?? "gave up"}`;
    default:
      return `${o.state}${o.message ? `: ${o.message}` : ""}`;
  }
}

/** A badge; `named` puts the integration's name first (the list), the detail's heading already names it. */
export function outcomeBadge(o: OutcomeView, named = true): HTMLElement {
  return h(
    "span",
    { class: `badge state-${o.state}`, "data-integration": o.integration, title: outcomeText(o) },
    named && h("b", {}, o.integration),
    named && " ",
    outcomeText(o),
  );
}
