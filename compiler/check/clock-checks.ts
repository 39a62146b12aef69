// `now()`: the transform's clock. Not a standard-library function (its value is not a function of its arguments), so
// it is known here: no arguments, gives ISO-8601 text, and marks the preset as one that uses the clock.

import type { CallExpr } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import { listOf } from "./types.js";

export const CLOCK_FUNCTION = "now";

export function checkClockCall(call: CallExpr, context: CheckContext): void {
  const args = listOf(call.args);
  if (args.length > 0) {
    context.reporter.report("E300", call.span, `now takes no arguments, got ${args.length}`, {
      hints: ["usage: now() — the time of the transform, as ISO-8601 text"],
    });
  }
  if (context.preset !== undefined) context.preset.usesClock = true;
}
