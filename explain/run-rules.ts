// explain's rule walk: the prelude, then the first send block whose `when` holds, rule by rule as build() runs them,
// saying for each rule what it set or why it set nothing.

import type { Expr, Statement } from "../dsl/ast.js";
import type { PresetLayout } from "../compiler/check/blocks.js";
import { runtime as rt } from "../runtime/index.js";
import { condition, evaluate, textOf, type Scope, type Step } from "./evaluate.js";

export interface FieldTrace {
  /** The body field, dotted (`custom_fields.utm_source`); "" for `body <- …`. */
  readonly path: string;
  readonly line: number;
  readonly rule: string;
  readonly value: unknown;
  readonly steps: readonly Step[];
}

export interface SkippedRule {
  readonly line: number;
  readonly rule: string;
  readonly reason: string;
}

export interface RuleWalk {
  readonly body: unknown;
  readonly fields: FieldTrace[];
  readonly skipped: SkippedRule[];
  readonly warnings: string[];
  /** What stopped the walk: a require that failed or a drop taken; absent when a request was built. */
  readonly stop?: { readonly kind: "drop" | "error"; readonly message: string };
  /** The send block built (index), when one was. */
  readonly block?: number;
}

export function lineOf(source: string, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset && i < source.length; i++) if (source.charCodeAt(i) === 10) line++;
  return line;
}

export function walkRules(layout: PresetLayout, scope: Scope): RuleWalk {
  const walk = { body: {} as unknown, fields: [] as FieldTrace[], skipped: [] as SkippedRule[] };
  const result = (extra: Partial<RuleWalk>): RuleWalk => ({ ...walk, warnings: scope.warnings, ...extra });
  const stop = runAll(layout.prelude, scope, walk);
  if (stop) return result({ stop });
  let chosen: number | undefined;
  layout.blocks.forEach((block, index) => {
    const when = block.send.when;
    const holds = chosen === undefined && (when === undefined || condition(when, scope));
    if (chosen !== undefined || !holds) {
      const built = chosen === undefined ? undefined : lineOf(scope.source, layout.blocks[chosen].send.span.start);
      const why = `send block not chosen: ${built === undefined ? "its when is false" : `the send of line ${built} was built`}`;
      for (const s of block.statements) skip(walk, s, scope, why);
      return;
    }
    chosen = index;
  });
  if (chosen === undefined) return result({ stop: { kind: "drop", message: "no send block applies" } });
  const blockStop = runAll(layout.blocks[chosen].statements, scope, walk);
  return result({ block: chosen, ...(blockStop ? { stop: blockStop } : {}) });
}

interface Walk {
  body: unknown;
  fields: FieldTrace[];
  skipped: SkippedRule[];
}

function runAll(statements: readonly Statement[], scope: Scope, walk: Walk): RuleWalk["stop"] {
  for (let i = 0; i < statements.length; i++) {
    const stop = runOne(statements[i], scope, walk);
    if (stop) {
      for (const rest of statements.slice(i + 1)) skip(walk, rest, scope, `not reached: the event stopped earlier`);
      return stop;
    }
  }
  return undefined;
}

function skip(walk: Walk, statement: Statement, scope: Scope, reason: string): void {
  walk.skipped.push({ line: lineOf(scope.source, statement.span.start), rule: textOf(statement, scope), reason });
}

function runOne(statement: Statement, scope: Scope, walk: Walk): RuleWalk["stop"] {
  const line = lineOf(scope.source, statement.span.start);
  switch (statement.kind) {
    case "Let": {
      const { value, steps } = traced(statement.value, scope);
      scope.locals.set(statement.name.text, { value, line, steps });
      return undefined;
    }
    case "Require":
      if (statement.when !== undefined && !condition(statement.when, scope)) {
        skip(walk, statement, scope, `require not applied: when ${textOf(statement.when, scope)} is false`);
        return undefined;
      }
      if (evaluate(statement.value, scope) !== undefined) return undefined;
      skip(walk, statement, scope, `require failed: ${statement.message.value}`);
      return { kind: "error", message: statement.message.value };
    case "Drop":
      if (!condition(statement.when, scope)) {
        skip(walk, statement, scope, "drop not taken: its condition is false");
        return undefined;
      }
      skip(walk, statement, scope, `drop taken: ${statement.reason.value}`);
      return { kind: "drop", message: statement.reason.value };
    case "Assign":
      assign(statement, scope, walk, line);
      return undefined;
    default:
      if (statement.kind !== "Order") evaluateUnknown(statement, scope);
      return undefined;
  }
}

/** A statement kind newer than explain: nothing is traced for it. */
function evaluateUnknown(_statement: Statement, _scope: Scope): void {}

function assign(statement: Extract<Statement, { kind: "Assign" }>, scope: Scope, walk: Walk, line: number): void {
  if (statement.when !== undefined && !condition(statement.when, scope)) {
    skip(walk, statement, scope, `condition false: when ${textOf(statement.when, scope)}`);
    return;
  }
  const before = scope.warnings.length;
  const { value, steps } = traced(statement.value, scope);
  const fallback = scope.warnings.slice(before);
  const keys = statement.target.map((segment) => segment.text);
  if (value === undefined) {
    const warned = fallback.length > 0 ? `fallback taken with the warning "${fallback.join("; ")}"` : "value absent";
    skip(walk, statement, scope, warned);
    return;
  }
  if (keys.length === 0) walk.body = value;
  else if (keys.length === 1) rt.put(walk.body as Record<string, unknown>, keys[0], value);
  else rt.putIn(walk.body as Record<string, unknown>, keys, value);
  walk.fields.push({ path: keys.join("."), line, rule: textOf(statement, scope), value, steps });
}

/** The value with the steps taken to it, the value itself last. */
function traced(expr: Expr, scope: Scope): { value: unknown; steps: Step[] } {
  const start = scope.steps.length;
  const outer = scope.traceFrom;
  scope.traceFrom = start;
  const value = evaluate(expr, scope);
  scope.traceFrom = outer;
  const steps = scope.steps.slice(start);
  const last = steps[steps.length - 1];
  if (last === undefined || last.text !== textOf(expr, scope)) steps.push({ text: textOf(expr, scope), value });
  return { value, steps };
}
