// explain's evaluator: a .map expression's value through the same runtime helpers and stdlib as generated code,
// recording each call, fallback and `let` it passes through. Used only by explain: compiled presets trace nothing.

import type { Expr, PathExpr } from "../dsl/ast.js";
import { runtime } from "../runtime/index.js";
import type { NormalizedEvent, Settings } from "../runtime/values.js";

/** One value on the way: the source text evaluated, its value, and for a `let` the line it was bound on. */
export interface Step {
  readonly text: string;
  readonly value: unknown;
  readonly line?: number;
  /** The warning of a fallback taken because the left side failed. */
  readonly warning?: string;
}

export interface Scope {
  readonly source: string;
  readonly event: NormalizedEvent;
  readonly settings: Settings;
  readonly clock: { now(): Date };
  readonly warnings: string[];
  /** `let` names (and comprehension names) → value and the line of the `let`. */
  readonly locals: Map<string, { value: unknown; line?: number; steps?: readonly Step[] }>;
  readonly steps: Step[];
  /** Where the steps of the rule being traced start: a `let` read twice in it lists its steps once. */
  traceFrom: number;
}

const rt = runtime;
const fn = rt.fn as unknown as Record<string, (...args: unknown[]) => unknown>;
const OPERATORS: Readonly<Record<string, (a: unknown, b: unknown) => unknown>> = {
  "+": rt.plus,
  "-": rt.sub,
  "*": rt.mul,
  "/": rt.div,
  "<": rt.less,
  "<=": rt.lessOrEqual,
  ">": rt.greater,
  ">=": rt.greaterOrEqual,
  in: rt.isIn,
};

export function textOf(expr: { span: { start: number; end: number } }, scope: Scope): string {
  return scope.source.slice(expr.span.start, expr.span.end).replace(/\s+/g, " ");
}

function record(expr: Expr, value: unknown, scope: Scope, extra: Partial<Step> = {}): unknown {
  scope.steps.push({ text: textOf(expr, scope), value, ...extra });
  return value;
}

/** The value of `expr`, as generated code computes it. A construct it does not know is absent, traced as "value". */
export function evaluate(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case "String":
    case "Number":
    case "Boolean":
      return Number.isNaN(expr.value) ? undefined : expr.value;
    case "Null":
      return null;
    case "Omit":
      return undefined;
    case "List":
      return rt.list(...expr.items.map((item) => evaluate(item, scope)));
    case "Path":
      return path(expr, scope);
    case "Call":
      return record(expr, call(expr.callee.text, expr.args, scope), scope);
    case "Not":
      return !condition(expr.operand, scope);
    case "Binary":
      return binary(expr.operator, expr.left, expr.right, scope);
    case "Fallback":
      return fallback(expr, scope);
    default:
      return compound(expr, scope);
  }
}

function call(name: string, args: readonly Expr[], scope: Scope): unknown {
  if (name === "now") return rt.clockText(scope.clock);
  const values = args.map((arg) => evaluate(arg, scope));
  const f = fn[name];
  return typeof f === "function" ? f(...values) : undefined;
}

function fallback(expr: Extract<Expr, { kind: "Fallback" }>, scope: Scope): unknown {
  const left = evaluate(expr.left, scope);
  const warning = expr.warn?.value;
  const before = scope.warnings.length;
  const value = rt.orElse(left, () => evaluate(expr.right, scope), scope.warnings, warning);
  const warned = scope.warnings.length > before ? { warning } : {};
  return record(expr, value, scope, warned);
}

/** Only exactly `true` holds. */
export function condition(expr: Expr, scope: Scope): boolean {
  return rt.holds(evaluate(expr, scope));
}

function binary(operator: string, left: Expr, right: Expr, scope: Scope): unknown {
  const helper = OPERATORS[operator];
  if (helper !== undefined) return helper(evaluate(left, scope), evaluate(right, scope));
  if (operator === "and") return condition(left, scope) && condition(right, scope);
  if (operator === "or") return condition(left, scope) || condition(right, scope);
  const same = rt.equals(evaluate(left, scope), evaluate(right, scope));
  return operator === "!=" ? !same : same;
}

function compound(expr: Expr, scope: Scope): unknown {
  switch (expr.kind) {
    case "Object":
      return rt.obj(...expr.entries.map((e) => [e.key, evaluate(e.value, scope)] as [string, unknown]));
    case "Comprehension": {
      const name = expr.name.text;
      const saved = scope.locals.get(name);
      const bind = (item: unknown) => scope.locals.set(name, { value: item });
      const keep = expr.condition ? (item: unknown) => (bind(item), condition(expr.condition!, scope)) : undefined;
      const value = rt.each(evaluate(expr.source, scope), (item) => (bind(item), evaluate(expr.item, scope)), keep);
      if (saved === undefined) scope.locals.delete(name);
      else scope.locals.set(name, saved);
      return value;
    }
    case "If":
      return condition(expr.condition, scope) ? evaluate(expr.then, scope) : evaluateOr(expr.otherwise, scope);
    case "Match": {
      const arms = expr.arms.map((arm) => [evaluate(arm.pattern, scope), () => evaluate(arm.value, scope)]);
      const otherwise = expr.otherwise ? () => evaluate(expr.otherwise!, scope) : undefined;
      return rt.pick(evaluate(expr.subject, scope), arms as never, otherwise);
    }
    default:
      // A construct newer than explain: traced as a value it cannot compute.
      return record(expr, undefined, scope);
  }
}

function evaluateOr(expr: Expr | undefined, scope: Scope): unknown {
  return expr === undefined ? undefined : evaluate(expr, scope);
}

const EVENT_OBJECTS = ["traits", "properties", "context"] as const;

function path(expr: PathExpr, scope: Scope): unknown {
  const root = expr.root.text;
  const local = scope.locals.get(root);
  let value: unknown;
  if (local !== undefined) {
    value = local.value;
    const read = { text: root, value, line: local.line };
    const listed = scope.steps.slice(scope.traceFrom).some((step) => step.text === root && step.line === local.line);
    if (local.line !== undefined && !listed) scope.steps.push(...(local.steps ?? []), read);
  } else if (root === "event") {
    if (expr.segments.length === 0) return scope.event.event;
    // `event.type` is the normalised call type, as the compiled code reads it (emit-expr's isCallType).
    const only = expr.segments.length === 1 ? expr.segments[0] : undefined;
    if (only?.kind === "Field" && only.name === "type") return record(expr, scope.event.type, scope);
    value = scope.event.raw;
  } else if (root === "settings") value = scope.settings;
  else value = (EVENT_OBJECTS as readonly string[]).includes(root) ? scope.event[root as "traits"] : undefined;
  for (const segment of expr.segments) {
    value = segment.kind === "Field" ? rt.field(value, segment.name) : rt.item(value, segment.index);
  }
  return expr.segments.length > 0 && local === undefined ? record(expr, value, scope) : value;
}
