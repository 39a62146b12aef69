// What the preset's `on` says about bare `event`, the event name, for the presence checks (W120).

import type { Expr } from "../../dsl/ast.js";
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
  const names = onEventNames(context);
  return listOf(on.calls).length > 0 ? [...names, "Identified"] : names;
}

/** The event names `on` lists (quoted), in order. */
export function onEventNames(context: CheckContext): string[] {
  return listOf(context.preset?.on?.events).flatMap((event) => (typeof event?.value === "string" ? [event.value] : []));
}

/** The names `event == "A" or event == "B"` selects (either side of `==`); undefined for any other condition. */
export function namedEvents(condition: Expr | undefined): string[] | undefined {
  if (condition?.kind !== "Binary") return undefined;
  if (condition.operator === "or") {
    const left = namedEvents(condition.left);
    const right = namedEvents(condition.right);
    return left === undefined || right === undefined ? undefined : [...left, ...right];
  }
  const { left, right } = condition;
  const other = isEventName(left) ? right : isEventName(right) ? left : undefined;
  return condition.operator === "==" && other?.kind === "String" ? [other.value] : undefined;
}

/** Bare `event`: the event name. */
export function isEventName(expr: Expr | undefined): boolean {
  return expr?.kind === "Path" && expr.root?.text === "event" && listOf(expr.segments).length === 0;
}
