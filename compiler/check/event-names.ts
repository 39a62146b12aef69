// What the preset's `on` says about bare `event`, the event name, for the presence checks (W120).

import type { CheckContext } from "./context.js";
import { listOf } from "./types.js";

// Bare `event` is always there when `on` takes only event names and identify calls ("Identified"): a track call may
// come without a name, and page, screen, group and alias calls have none.
export function eventNameAlways(context: CheckContext): boolean {
  const on = context.preset?.on;
  return on === undefined || (on.allSpan === undefined && listOf(on.calls).every((call) => call?.text === "identify"));
}

/** Every name bare `event` can hold, when `on` lists them all (names, and "Identified" for identify); else undefined. */
export function eventNamesTaken(context: CheckContext): readonly string[] | undefined {
  const on = context.preset?.on;
  if (on === undefined || !eventNameAlways(context)) return undefined;
  const names = listOf(on.events).flatMap((event) => (typeof event?.value === "string" ? [event.value] : []));
  return listOf(on.calls).length > 0 ? [...names, "Identified"] : names;
}
