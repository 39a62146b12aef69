// Where a collected event goes: for each integration, its per-person order key, or the outcome that settles it at once.

import { prepareEvent } from "../delivery/prepared.js";
import { redactText, secretValues } from "../runtime/redact.js";
import type { Route } from "../store/store.js";
import type { IntegrationTarget } from "./targets.js";

/**
 * Transforms the event once per integration when it is collected. A drop (an event the preset does not handle, no
 * consent) or a transform error (no email for an upsert) is recorded at once and never queued; settings that are not
 * usable yet (a key still to be entered) leave the event queued, so it is delivered once they are fixed.
 */
export function routeEvent(event: Record<string, unknown>, targets: Iterable<IntegrationTarget>): Route[] {
  const routes: Route[] = [];
  for (const target of targets) {
    const prepared = prepareEvent(target.preset, event, target.settings);
    const outcome = prepared.outcome;
    if (outcome.outcome === "drop") {
      routes.push({ integration: target.name, settled: { state: "dropped", detail: outcome.reason } });
    } else if (outcome.outcome === "error" && outcome.code !== "invalid_settings") {
      const detail = redactText(
        `${outcome.code}: ${outcome.message}`,
        secretValues(target.preset.meta, target.settings),
      );
      routes.push({ integration: target.name, settled: { state: "failed", detail } });
    } else {
      routes.push({
        integration: target.name,
        ...(prepared.orderKey !== undefined ? { orderKey: prepared.orderKey } : {}),
      });
    }
  }
  return routes;
}
