// Calls into the standard library: known names, argument counts and types, and fallible calls handled by `??`.

import type { CallExpr, Expr, FallbackExpr } from "../../dsl/ast.js";
import { STDLIB_BY_NAME, type FunctionSpec } from "../../runtime/stdlib/index.js";
import type { ParamSpec } from "../../runtime/stdlib/spec.js";
import { describeType, fitsParam, listOf, typeOf } from "./types.js";
import { envOf, type CheckContext } from "./context.js";
import { didYouMean, quoted, spanning } from "./report.js";
import type { CheckTable } from "./table.js";
import { checkClockCall, CLOCK_FUNCTION } from "./clock-checks.js";

export const CALL_CHECKS: CheckTable = {
  Call: [checkCall, checkFailureHandled],
  Fallback: [checkFallbackReachable],
};

/** The standard-library function a call names, if any. */
export function calleeSpec(call: CallExpr): FunctionSpec | undefined {
  const name = call.callee?.text;
  return typeof name === "string" ? STDLIB_BY_NAME.get(name) : undefined;
}

/** True for a call to a function that can fail on present input (e164, to_number). */
export function isFallibleCall(expr: Expr | undefined): boolean {
  return expr?.kind === "Call" && calleeSpec(expr)?.fallible === true;
}

function checkCall(call: CallExpr, context: CheckContext): void {
  const name = call.callee?.text;
  if (typeof name !== "string") return;
  if (name === CLOCK_FUNCTION) return checkClockCall(call, context);
  const spec = calleeSpec(call);
  if (spec === undefined) {
    context.reporter.report("E200", call.callee.span, `unknown function ${quoted(name)}`, {
      hints: [didYouMean(name, STDLIB_BY_NAME.keys()) ?? "see the standard library in docs/language.md"],
    });
    return;
  }
  if (checkArity(call, spec, context)) checkArgumentTypes(call, spec, context);
}

/** Reports a wrong argument count; true when the count is right. */
function checkArity(call: CallExpr, spec: FunctionSpec, context: CheckContext): boolean {
  const args = listOf(call.args);
  const min =
    spec.params.filter((param) => !param.optional && !param.variadic).length +
    (spec.params.some((param) => param.variadic && !param.optional) ? 1 : 0);
  const max = spec.params.some((param) => param.variadic) ? Infinity : spec.params.length;
  if (args.length >= min && args.length <= max) return true;
  const expected =
    max === Infinity ? `at least ${min}` : min === max ? `${min}` : `${min} ${max === min + 1 ? "or" : "to"} ${max}`;
  const noun = max === 1 || (max === Infinity && min === 1) ? "argument" : "arguments";
  // Too many: point at the extra arguments. Too few: the call is where something is missing.
  const span = args.length > max ? spanning(args[max]?.span, args[args.length - 1]?.span) : call.span;
  context.reporter.report("E300", span, `${spec.name} takes ${expected} ${noun}, got ${args.length}`, {
    hints: [`usage: ${signature(spec)}`],
  });
  return false;
}

function checkArgumentTypes(call: CallExpr, spec: FunctionSpec, context: CheckContext): void {
  listOf(call.args).forEach((arg, index) => {
    const param = paramAt(spec, index);
    if (param === undefined) return;
    const actual = typeOf(arg, envOf(context));
    if (fitsParam(actual, param.type)) return;
    context.reporter.report(
      "E301",
      arg?.span,
      `${spec.name} expects ${param.name} to be ${describeType(param.type)}, got ${describeType(actual)}`,
      { hints: [`usage: ${signature(spec)}`] },
    );
  });
}

function checkFailureHandled(call: CallExpr, context: CheckContext): void {
  const spec = calleeSpec(call);
  if (spec?.fallible !== true || context.site.fallbackLeft) return;
  context.reporter.report("E401", call.callee.span, `${spec.name} can fail, and its failure is not handled`, {
    hints: [`add ?? omit warn "..." right after the call, or ?? with another value to use instead`],
  });
}

const NEVER_ABSENT = new Set<string | undefined>(["String", "Number", "Boolean", "Null"]);

// A literal is never absent and never fails, so whatever follows `??` is dead code.
function checkFallbackReachable(fallback: FallbackExpr, context: CheckContext): void {
  const left = fallback.left;
  if (!NEVER_ABSENT.has(left?.kind)) return;
  context.reporter.report("W101", left.span, "the fallback is never used: a literal is never absent and cannot fail", {
    hints: ["remove ?? and what follows it"],
  });
}

function paramAt(spec: FunctionSpec, index: number): ParamSpec | undefined {
  const last = spec.params[spec.params.length - 1];
  return spec.params[index] ?? (last?.variadic ? last : undefined);
}

/** `e164(phone, region?)`, `coalesce(values...)`. */
export function signature(spec: FunctionSpec): string {
  const params = spec.params.map((param) => `${param.name}${param.variadic ? "..." : param.optional ? "?" : ""}`);
  return `${spec.name}(${params.join(", ")})`;
}
