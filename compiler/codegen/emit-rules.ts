// The body of the generated build function: one commented block per .map rule, in source order.

import type { Assignment, Expr, FallbackExpr, LetStatement, RequireStatement, Statement } from "../../dsl/ast.js";
import { emitCondition, emitExpr, helper, type ExprContext } from "./emit-expr.js";
import { writtenValue } from "./module-functions.js";
import { isIdentifier, propertyAccess, quote, ruleComment } from "./text.js";

export interface RuleContext extends ExprContext {
  /** The .map source, for rule comments. */
  readonly source: string;
  /** Allocates a TypeScript local name that clashes with nothing else in build(). */
  readonly allocate: (preferred: string) => string;
  /** Maps a .map `let` to its TypeScript local; set when the `let` is emitted. */
  readonly bindLocal: (mapName: string, localName: string) => void;
}

/** `// line 12: email_address <- email` — the rule as written, made safe for a comment. */
export function ruleHeader(node: Statement | { span: { start: number; end: number } }, ctx: RuleContext): string {
  const line = lineOf(ctx.source, node.span.start);
  return `// line ${line}: ${ruleComment(ctx.source.slice(node.span.start, node.span.end))}`;
}

function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function emitStatement(statement: Statement, ctx: RuleContext): string[] {
  switch (statement.kind) {
    case "Let":
      return [ruleHeader(statement, ctx), ...emitLet(statement, ctx)];
    case "Require":
      return [ruleHeader(statement, ctx), ...emitRequire(statement, ctx)];
    case "Drop":
      return [
        ruleHeader(statement, ctx),
        `if (${emitCondition(statement.when, ctx)}) {`,
        `return { kind: "drop", reason: ${quote(statement.reason.value)} };`,
        "}",
      ];
    case "Assign":
      return [ruleHeader(statement, ctx), ...emitAssignment(statement, ctx)];
    default:
      // `on` and `send` describe the module, not per-event work: they are emitted as module data.
      return [];
  }
}

function emitLet(statement: LetStatement, ctx: RuleContext): string[] {
  const name = ctx.allocate(statement.name.text);
  const lines = emitValue(name, statement.value, ctx);
  ctx.bindLocal(statement.name.text, name);
  return lines;
}

function emitRequire(statement: RequireStatement, ctx: RuleContext): string[] {
  const lines = emitRequirement(statement, ctx);
  // `require … when cond`: the requirement applies only to events for which the condition holds.
  if (statement.when === undefined) return lines;
  return [`if (${emitCondition(statement.when, ctx)}) {`, ...lines, "}"];
}

function emitRequirement(statement: RequireStatement, ctx: RuleContext): string[] {
  const value = statement.value;
  const failure = `return { kind: "error", code: "missing_required", message: ${quote(statement.message.value)} };`;
  if (value.kind !== "Fallback") {
    return [`if (${emitExpr(value, ctx)} === undefined) {`, failure, "}"];
  }
  const name = ctx.allocate("required");
  return [...emitValue(name, value, ctx), `if (${name} === undefined) {`, failure, "}"];
}

function emitAssignment(statement: Assignment, ctx: RuleContext): string[] {
  const keys = statement.target.map((segment) => segment.text);
  const lines = keys.length === 0 ? emitWholeBody(statement.value, ctx) : emitPut(keys, statement.value, ctx);
  if (statement.when === undefined) return lines;
  return [`if (${emitCondition(statement.when, ctx)}) {`, ...lines, "}"];
}

/** Sets a body field; a top-level `??` becomes statements so a fallback and its warning read plainly. */
function emitPut(keys: readonly string[], value: Expr, ctx: RuleContext): string[] {
  if (writtenValue(value)) return putLines(keys, emitExpr(value, ctx), ctx, "body", true);
  if (value.kind !== "Fallback") return putLines(keys, emitExpr(value, ctx), ctx);
  const name = ctx.allocate(keys[keys.length - 1]);
  return [...emitValue(name, value, ctx), ...putLines(keys, name, ctx)];
}

/** `body <- expr`: the body becomes the value when it is present (it stays `{}` otherwise). */
function emitWholeBody(value: Expr, ctx: RuleContext): string[] {
  const name = ctx.allocate("wholeBody");
  return [...emitValue(name, value, ctx), `if (${name} !== undefined) body = ${name};`];
}

/** The declaration of `body` in build(): `unknown` when a `body <- expr` rule may replace it with any JSON value. */
export function bodyDeclaration(statements: readonly Statement[]): string {
  const whole = statements.some((s) => s.kind === "Assign" && s.target.length === 0);
  return whole ? "let body: unknown = {};" : "const body: Record<string, unknown> = {};";
}

/**
 * Sets `target.keys…` to the value of `valueCode` when it is present (always, when `present`). Written keys become
 * plain property writes, so a body gets its fields the way hand-written code gives them. A path with a key that names
 * a member of Object.prototype goes through the runtime's put/putIn: they define `__proto__` as an own key rather
 * than set the prototype, and TypeScript types `body.constructor` as the inherited member.
 */
export function putLines(
  keys: readonly string[],
  valueCode: string,
  ctx: RuleContext,
  target = "body",
  present = false,
): string[] {
  if (keys.some((key) => key in Object.prototype)) return [putCall(keys, valueCode, ctx, target)];
  const parent = keys.slice(0, -1).reduce((node, key) => `${helper(ctx, "child")}(${node}, ${quote(key)})`, target);
  const write = (value: string) => `${parent}${propertyAccess(keys[keys.length - 1])} = ${value};`;
  if (present) return [write(valueCode)];
  if (isIdentifier(valueCode)) return [`if (${valueCode} !== undefined) ${write(valueCode)}`];
  const name = ctx.allocate(keys[keys.length - 1]);
  return [`const ${name} = ${valueCode};`, `if (${name} !== undefined) ${write(name)}`];
}

function putCall(keys: readonly string[], valueCode: string, ctx: RuleContext, target: string): string {
  if (keys.length === 1) return `${helper(ctx, "put")}(${target}, ${quote(keys[0])}, ${valueCode});`;
  return `${helper(ctx, "putIn")}(${target}, [${keys.map(quote).join(", ")}], ${valueCode});`;
}

/** Declares `name` holding the value of `expr`, spelling out `??` chains as statements. */
export function emitValue(name: string, expr: Expr, ctx: RuleContext): string[] {
  if (expr.kind !== "Fallback") return [`const ${name} = ${emitExpr(expr, ctx)};`];
  // Typed `unknown`: the chain may hold a failure, then absent, then a value of another type.
  return [`let ${name}: unknown = ${emitExpr(expr.left, ctx)};`, ...emitFallbackSteps(name, expr, ctx)];
}

/** After `name` holds the left side of `expr`: handle a failure, then fall back when absent. */
function emitFallbackSteps(name: string, expr: FallbackExpr, ctx: RuleContext): string[] {
  const lines: string[] = [];
  if (canFail(expr.left, ctx)) {
    const warn = expr.warn ? [`warnings.push(${quote(expr.warn.value)});`] : [];
    lines.push(`if (${helper(ctx, "isFailure")}(${name})) {`, ...warn, `${name} = undefined;`, "}");
  }
  if (expr.right.kind === "Omit") return lines;
  const right = expr.right;
  if (right.kind !== "Fallback") {
    lines.push(`if (${name} === undefined) {`, `${name} = ${emitExpr(right, ctx)};`, "}");
    return lines;
  }
  lines.push(
    `if (${name} === undefined) {`,
    `${name} = ${emitExpr(right.left, ctx)};`,
    ...emitFallbackSteps(name, right, ctx),
    "}",
  );
  return lines;
}

/** Only a direct fallible call can fail: the checker rejects one anywhere but on the left of `??`. */
function canFail(expr: Expr, ctx: RuleContext): boolean {
  return expr.kind === "Call" && ctx.isFallible(expr.callee.text);
}
