// Which events a preset handles (`on` names, call types, `on *`) and the per-credential key its rate limit uses.

import { createHash } from "node:crypto";
import type { PresetModule } from "./preset-module.js";
import type { NormalizedEvent, Settings } from "./values.js";

export type Router = (event: NormalizedEvent) => boolean;

/** Routes by `on`: every event for `on *`, else a listed name (after normalisation) or a listed call type. */
export function routerFor(module: Pick<PresetModule, "events" | "calls" | "allEvents">): Router {
  if (module.allEvents === true) return () => true;
  const names = new Set(module.events);
  const calls = new Set(module.calls ?? []);
  return (event) => calls.has(event.type) || (event.event !== undefined && names.has(event.event));
}

/** Why an event was not routed, for the drop reason. */
export function unhandledReason(event: NormalizedEvent): string {
  if (event.event !== undefined) return `event ${JSON.stringify(event.event)} is not handled`;
  if (event.type === "track") return "track calls without an event name are not handled";
  return `${event.type} calls are not handled`;
}

/**
 * `integration:` + SHA-256 of the secret settings' values (in declaration order): one limiter per credential,
 * shared by every preset of the integration, and never the values themselves.
 */
export function rateKeyFor(module: Pick<PresetModule, "integration" | "settings">, settings: Settings): string {
  const secrets = module.settings.filter((spec) => spec.secret).map((spec) => settings[spec.name] ?? null);
  const hash = createHash("sha256").update(JSON.stringify(secrets)).digest("hex");
  return `${module.integration.name}:${hash}`;
}
