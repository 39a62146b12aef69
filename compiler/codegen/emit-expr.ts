// Expressions to TypeScript: every .map expression becomes one side-effect-free TypeScript expression.

import type { Expr, PathExpr } from "../../dsl/ast.js";
import { localName, quote } from "./text.js";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";
import {
  emitList,
  emitLiteralMatch,
  emitObject,
  LITERALS,
  type EmitParts,
  type ModuleFunctions,
} from "./module-functions.js";

export interface ExprContext {
  /** .map `let` name → TypeScript local name. */
  readonly locals: ReadonlyMap<string, string>;
  /** Runtime helpers the module uses; filled while emitting so the module imports only what it needs. */
  readonly helpers: Set<string>;
  /** Standard-library functions the module calls. */
  readonly functions: Set<string>;
  /** Whether a standard-library function can fail (and so needs an `isFailure` check). */
  readonly isFallible: (name: string) => boolean;
  /** Allocates a TypeScript local name that clashes with nothing else (for a comprehension's loop name). */
  readonly allocate?: (preferred: string) => string;
  /** The functions declared beside build(): one per object literal and per literal `match`. */
  readonly declared: ModuleFunctions;
  /** Every `traits` read names its trait: each is read with trait(event, NAME), and the runtime merges nothing. */
  readonly traitsByKey?: boolean;
}

/** Roots whose value is an object of the normalised event. */
const EVENT_OBJECTS: Readonly<Record<string, string>> = {
  traits: "event.traits",
  properties: "event.properties",
  context: "event.context",
};

export function emitExpr(expr: Expr, ctx: ExprContext): string {
  switch (expr.kind) {
    case "String":
      return quote(expr.value);
    case "Number":
      return Number.isFinite(expr.value) ? JSON.stringify(expr.value) : "undefined";
    case "Boolean":
      return expr.value ? "true" : "false";
    case "Null":
      return "null";
    case "Omit":
      return "undefined";
    case "List":
      return emitList(expr.items, ctx.declared, parts(ctx));
    case "Path":
      return emitPath(expr, ctx);
    case "Call":
      // now() reads the transform's clock, passed to build(); it is not a standard-library function.
      if (expr.callee.text === "now") return `${helper(ctx, "clockText")}(clock)`;
      return emitCall(expr.callee.text, expr.args, ctx);
    case "Not":
      return `!${emitCondition(expr.operand, ctx)}`;
    case "Binary":
      return emitBinary(expr.operator, expr.left, expr.right, ctx);
    case "Fallback": {
      const warning = expr.warn ? `, ${quote(expr.warn.value)}` : "";
      const left = emitExpr(expr.left, ctx);
      return `${helper(ctx, "orElse")}(${left}, () => ${emitExpr(expr.right, ctx)}, warnings${warning})`;
    }
    default:
      return emitCompound(expr, ctx);
  }
}

/**
 * A standard-library call. When the function is absent without its first argument and the others cannot record a
 * warning, the others are evaluated only once the first is known to be present: the same value, less work.
 */
function emitCall(name: string, args: readonly Expr[], ctx: ExprContext): string {
  const code = args.map((arg) => emitExpr(arg, ctx));
  // Two-value forms of the variadic functions: no arguments list per call.
  if (name === "coalesce" && code.length >= 2) {
    return code.reduceRight((rest, value) => `${helper(ctx, "firstPresent")}(${value}, ${rest})`);
  }
  if (name === "merge" && code.length === 2) return `${helper(ctx, "mergeTwo")}(${code[0]}, ${code[1]})`;
  ctx.functions.add(name);
  const lazy = args.length > 1 && STDLIB_BY_NAME.get(name)?.absentWithoutFirst === true && !args.slice(1).some(warns);
  if (!lazy) return `${name}(${code.join(", ")})`;
  // A path is read again rather than passed to a closure: reading a field costs less than making a function.
  if (args[0].kind === "Path") return `(${code[0]} === undefined ? undefined : ${name}(${code.join(", ")}))`;
  const first = ctx.allocate ? ctx.allocate("given") : "given$";
  return `${helper(ctx, "whenPresent")}(${code[0]}, (${first}) => ${name}(${[first, ...code.slice(1)].join(", ")}))`;
}

/** Whether evaluating the expression may record a warning (a `?? … warn` anywhere inside it). */
function warns(node: unknown): boolean {
  if (node === null || typeof node !== "object") return false;
  if ((node as { kind?: unknown }).kind === "Fallback" && (node as { warn?: unknown }).warn !== undefined) return true;
  return Object.values(node).some(warns);
}

/** Objects, comprehensions, `if` and `match`: arms and branches are evaluated only when chosen. */
function emitCompound(expr: Expr, ctx: ExprContext): string {
  switch (expr.kind) {
    case "Object":
      return emitObject(expr, ctx.declared, parts(ctx));
    case "Comprehension": {
      const name = ctx.allocate ? ctx.allocate(expr.name.text) : localName(expr.name.text);
      const inner: ExprContext = { ...ctx, locals: new Map([...ctx.locals, [expr.name.text, name]]) };
      const keep = expr.condition ? `, (${name}) => ${emitCondition(expr.condition, inner)}` : "";
      return `${helper(ctx, "each")}(${emitExpr(expr.source, ctx)}, (${name}) => ${emitExpr(expr.item, inner)}${keep})`;
    }
    case "If": {
      const otherwise = expr.otherwise ? emitExpr(expr.otherwise, ctx) : "undefined";
      return `(${emitCondition(expr.condition, ctx)} ? ${emitExpr(expr.then, ctx)} : ${otherwise})`;
    }
    case "Match": {
      const literals = [...expr.arms.map((arm) => arm.value), ...(expr.otherwise ? [expr.otherwise] : [])];
      // Every arm gives a literal: a switch declared once, with no array or closure per event.
      if (literals.every((value) => LITERALS.has(value.kind))) return emitLiteralMatch(expr, ctx.declared, parts(ctx));
      const arms = expr.arms.map((arm) => `[${emitExpr(arm.pattern, ctx)}, () => ${emitExpr(arm.value, ctx)}]`);
      const otherwise = expr.otherwise ? `, () => ${emitExpr(expr.otherwise, ctx)}` : "";
      return `${helper(ctx, "pick")}(${emitExpr(expr.subject, ctx)}, [${arms.join(", ")}]${otherwise})`;
    }
    default:
      return "undefined";
  }
}

/** Helpers newer than the names a preset's `let`s could take: locals are allocated around them. */
export const FLAT_HELPERS: readonly string[] = [
  "whenPresent",
  "record",
  "choose",
  "child",
  "perSettings",
  "firstPresent",
  "mergeTwo",
  "own",
  "trait",
];

function parts(ctx: ExprContext): EmitParts {
  return { emit: (expr) => emitExpr(expr, ctx), put: () => helper(ctx, "put") };
}

/** A condition as a TypeScript boolean: only exactly `true` holds. */
export function emitCondition(expr: Expr, ctx: ExprContext): string {
  const code = emitExpr(expr, ctx);
  return isBoolean(expr) ? code : `${helper(ctx, "holds")}(${code})`;
}

/** True when the expression always yields a boolean, so no `holds()` is needed around it. */
function isBoolean(expr: Expr): boolean {
  if (expr.kind === "Boolean" || expr.kind === "Not") return true;
  if (expr.kind === "Binary") return !ARITHMETIC.has(expr.operator);
  return expr.kind === "Call" && expr.callee.text === "is_present";
}

const ARITHMETIC = new Set(["+", "-", "*", "/"]);

/** Operators that are one runtime helper each: their absent and type rules live in runtime/operators.ts. */
const OPERATOR_HELPERS: Readonly<Record<string, string>> = {
  "+": "plus",
  "-": "sub",
  "*": "mul",
  "/": "div",
  "<": "less",
  "<=": "lessOrEqual",
  ">": "greater",
  ">=": "greaterOrEqual",
  in: "isIn",
};

function emitBinary(operator: string, left: Expr, right: Expr, ctx: ExprContext): string {
  const operatorHelper = OPERATOR_HELPERS[operator];
  if (operatorHelper !== undefined) {
    return `${helper(ctx, operatorHelper)}(${emitExpr(left, ctx)}, ${emitExpr(right, ctx)})`;
  }
  switch (operator) {
    case "and":
      return `(${emitCondition(left, ctx)} && ${emitCondition(right, ctx)})`;
    case "or":
      return `(${emitCondition(left, ctx)} || ${emitCondition(right, ctx)})`;
    default: {
      const negate = operator === "!=";
      // Two written values compare the same way on every event: the answer is written instead.
      if (isPrimitiveLiteral(left) && isPrimitiveLiteral(right))
        return String((literalOf(left) === literalOf(right)) !== negate);
      // Against a written text, number or boolean, strict equality is JSON equality and reads better.
      if (isPrimitiveLiteral(left) || isPrimitiveLiteral(right)) {
        return `(${emitExpr(left, ctx)} ${negate ? "!==" : "==="} ${emitExpr(right, ctx)})`;
      }
      const call = `${helper(ctx, "equals")}(${emitExpr(left, ctx)}, ${emitExpr(right, ctx)})`;
      return negate ? `!${call}` : call;
    }
  }
}

function literalOf(expr: Expr): unknown {
  return expr.kind === "String" || expr.kind === "Number" || expr.kind === "Boolean" ? expr.value : undefined;
}

function isPrimitiveLiteral(expr: Expr): boolean {
  return expr.kind === "String" || expr.kind === "Number" || expr.kind === "Boolean";
}

function emitPath(path: PathExpr, ctx: ExprContext): string {
  const root = path.root.text;
  const segments = path.segments;
  let code: string;
  const local = ctx.locals.get(root);
  if (local !== undefined) {
    code = local;
  } else if (root === "event") {
    if (segments.length === 0) return "event.event";
    if (isCallType(path)) return "event.type"; // the normalised call type, never the raw field
    code = "event.raw";
  } else if (root === "settings") {
    code = "settings";
  } else if (root === "traits" && ctx.traitsByKey === true && segments[0]?.kind === "Field") {
    return emitSegments(`${helper(ctx, "trait")}(event, ${quote(segments[0].name)})`, segments.slice(1), false, ctx);
  } else {
    code = EVENT_OBJECTS[root] ?? "undefined";
  }
  // The event's objects and the checked settings are always plain objects: their own fields need no type test.
  return emitSegments(code, segments, local === undefined && code !== "undefined", ctx);
}

/** Reads `segments` from `code`: the first with own() when `code` is known to be a plain object, else field(). */
function emitSegments(code: string, segments: PathExpr["segments"], known: boolean, ctx: ExprContext): string {
  for (const segment of segments) {
    const reader = known ? "own" : "field";
    code =
      segment.kind === "Field"
        ? `${helper(ctx, reader)}(${code}, ${quote(segment.name)})`
        : `${helper(ctx, "item")}(${code}, ${segment.index})`;
    known = false;
  }
  return code;
}

/** `event.type` exactly: the call type as the normaliser routes on it (trimmed, lower-cased, "track" by default). */
function isCallType(path: PathExpr): boolean {
  return path.segments.length === 1 && path.segments[0].kind === "Field" && path.segments[0].name === "type";
}

export function helper(ctx: ExprContext, name: string): string {
  ctx.helpers.add(name);
  return name;
}
