// Rules that can never apply: a comparison with an event the preset never receives (W121), a `when` that never holds (W122).

import type { Assignment, BinaryExpr, Expr, OnStatement } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import { didYouMean, quoted } from "./report.js";
import { listOf } from "./types.js";
import type { CheckTable } from "./table.js";

export const DEAD_RULE_CHECKS: CheckTable = {
  Binary: [checkEventNamed],
  Assign: [checkWhenCanHold],
};

/** `event == "X"` or `event != "X"` where X is not an event of the preset's `on` list. */
function checkEventNamed(binary: BinaryExpr, context: CheckContext): void {
  if (binary.operator !== "==" && binary.operator !== "!=") return;
  const literal = isBareEvent(binary.left) ? binary.right : isBareEvent(binary.right) ? binary.left : undefined;
  if (literal?.kind !== "String" || typeof literal.value !== "string") return;
  const handled = handledEvents(context.preset?.on);
  if (handled === undefined || handled.includes(literal.value)) return;
  const outcome = binary.operator === "==" ? "never holds" : "always holds";
  context.reporter.report(
    "W121",
    literal.span,
    `this preset never receives ${quoted(literal.value)} (it is not in its "on" list), so this comparison ${outcome}`,
    {
      hints: [didYouMean(literal.value, handled) ?? `it receives ${handled.map((name) => quoted(name)).join(", ")}`],
    },
  );
}

function isBareEvent(expr: Expr | undefined): boolean {
  return expr?.kind === "Path" && expr.root?.text === "event" && listOf(expr.segments).length === 0;
}

/**
 * The event names of an `on` list that names only events; undefined when it may let any name through (`on *`, call
 * types such as `on track`) or is missing. Any field besides the names counts as such an opening, so a later `on`
 * with more kinds of entries silences this check instead of misleading it.
 */
function handledEvents(on: OnStatement | undefined): readonly string[] | undefined {
  if (on === undefined || !Array.isArray(on.events)) return undefined;
  for (const [key, value] of Object.entries(on)) {
    if (key === "kind" || key === "events" || key === "span" || key.endsWith("Span")) continue;
    if (value === undefined || value === false || (Array.isArray(value) && value.length === 0)) continue;
    return undefined;
  }
  const names = on.events.flatMap((event) => (typeof event?.value === "string" ? [event.value] : []));
  return names.length > 0 ? names : undefined;
}

function checkWhenCanHold(assignment: Assignment, context: CheckContext): void {
  const when = assignment.when;
  if (when === undefined || constantTruth(when) !== false) return;
  context.reporter.report("W122", when.span, "this condition never holds, so the rule never applies", {
    hints: ["remove the rule, or fix the condition (two different literals are never equal)"],
  });
}

/** The value a condition always has when it is made of literals only; undefined when it depends on the event. */
function constantTruth(expr: Expr | undefined): boolean | undefined {
  switch (expr?.kind) {
    case "Boolean":
      return expr.value === true;
    case "Not": {
      const operand = constantTruth(expr.operand);
      return operand === undefined ? undefined : !operand;
    }
    case "Binary":
      return binaryTruth(expr);
    default:
      return undefined;
  }
}

function binaryTruth(expr: BinaryExpr): boolean | undefined {
  if (expr.operator === "==" || expr.operator === "!=") {
    const left = literalOf(expr.left);
    const right = literalOf(expr.right);
    if (left === NOT_LITERAL || right === NOT_LITERAL) return undefined;
    return (left === right) === (expr.operator === "==");
  }
  const left = constantTruth(expr.left);
  const right = constantTruth(expr.right);
  if (expr.operator === "and") return left === false || right === false ? false : left && right ? true : undefined;
  if (expr.operator === "or")
    return left === true || right === true ? true : left === false && right === false ? false : undefined;
  return undefined;
}

const NOT_LITERAL = Symbol("not a literal");

function literalOf(expr: Expr | undefined): unknown {
  switch (expr?.kind) {
    case "String":
    case "Number":
    case "Boolean":
      return expr.value;
    case "Null":
      return null;
    default:
      return NOT_LITERAL;
  }
}
