// Values of language v2 checked against a request-schema field: objects key by key, comprehension items, and each
// branch of `if` and `match`. The field-level rules themselves (E302, E413, enums) stay in assignment-checks.ts.

import type { CallExpr, ComprehensionExpr, Expr, ObjectLiteral, PathExpr } from "../../dsl/ast.js";
import { envOf, type CheckContext } from "./context.js";
import { asSchema, type SchemaNode } from "./event-schema.js";
import { didYouMean, quoted } from "./report.js";
import { allowedTypes, resolveTarget } from "./request-schema.js";
import { listOf, MERGE } from "./types.js";
import { checkObjectRequired, deeper } from "./object-required.js";

/** Checks one value against one field: the function assignment-checks.ts passes in. */
export type FitCheck = (value: Expr | undefined, field: SchemaNode, label: string, context: CheckContext) => void;

/**
 * Checks a compound value against `field`; false when `value` is not one this file knows how to take apart, or when
 * the field cannot hold it at all (an object into a string field): the caller's type check then reports it.
 */
export function checkCompoundFits(
  value: Expr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): boolean {
  switch (value.kind) {
    case "If":
      fits(value.then, field, label, context);
      fits(value.otherwise, field, label, context);
      return true;
    case "Match":
      for (const arm of listOf(value.arms)) fits(arm?.value, field, label, context);
      fits(value.otherwise, field, label, context);
      return true;
    case "Object":
      return takes(field, "object") && (checkObjectFits(value, field, label, context, fits), true);
    case "Comprehension":
      return takes(field, "array") && (checkItemsFit(value, field, label, context, fits), true);
    case "Path":
      return checkLetFits(value, field, label, context, fits);
    case "Call":
      return checkMergeFits(value, field, label, context, fits);
    default:
      return false;
  }
}

const COMPOUND = new Set(["Object", "Comprehension", "If", "Match"]);

/**
 * `user_data <- ud` where `let ud = { … }`: a let bound to an object, a comprehension, an `if` or a `match` is checked
 * through its definition, so naming a value never hides a key the schema does not know.
 */
function checkLetFits(
  path: PathExpr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): boolean {
  const root = path.root?.text;
  if (typeof root !== "string" || listOf(path.segments).length > 0 || context.site.loops?.has(root)) return false;
  const bound = context.preset?.letsByName.get(root)?.value;
  const merged = bound?.kind === "Call" && bound.callee?.text === MERGE;
  if (bound === undefined || !(COMPOUND.has(bound.kind) || merged)) return false;
  fits(bound, field, label, context);
  return true;
}

/**
 * `merge(a, b, …)` into an object field: each argument whose keys the source writes (an object literal, a let bound
 * to one, another merge) is checked key by key like an object literal. An argument whose keys are unknown (event
 * data, from_entries) makes the result an open object there: nothing is reported for keys no one can know.
 */
function checkMergeFits(
  call: CallExpr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): boolean {
  if (call.callee?.text !== MERGE || !takes(field, "object")) return false;
  checkMergedKeys(call, field, label, context, fits, 0);
  checkObjectRequired(call, field, label, context);
  return true;
}

// Each argument's keys, without its own required check: an argument holds only part of the merged object.
function checkMergedKeys(
  call: CallExpr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
  depth: number,
): void {
  for (const arg of listOf(call.args)) {
    let node: Expr | undefined = arg;
    for (let hops = 0; node?.kind === "Path" && hops < 32; hops++) {
      node = listOf(node.segments).length === 0 ? envOf(context).letValue?.(node.root?.text ?? "") : undefined;
    }
    if (node?.kind === "Object") checkObjectKeys(node, field, label, context, fits);
    else if (node?.kind === "Call" && node.callee?.text === MERGE && depth < 32) {
      checkMergedKeys(node, field, label, context, fits, depth + 1);
    }
  }
}

function takes(field: SchemaNode, type: string): boolean {
  const types = allowedTypes(field);
  return types === undefined || types.includes(type);
}

function checkObjectFits(
  object: ObjectLiteral,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): void {
  checkObjectKeys(object, field, label, context, fits);
  checkObjectRequired(object, field, label, context);
}

function checkObjectKeys(
  object: ObjectLiteral,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): void {
  for (const entry of listOf(object.entries)) {
    const resolution = resolveTarget(field, [entry.key]);
    if (resolution.kind === "field") {
      fits(entry.value, resolution.schema, fieldLabel(label, entry.key), deeper(context, label, entry.key));
    } else if (resolution.kind === "unknown") {
      context.reporter.report("E204", entry.keySpan, `${label} has no field ${quoted(entry.key)}`, {
        hints: [didYouMean(entry.key, resolution.known) ?? "see the request schema for the fields it accepts"],
      });
    }
  }
}

/** `user_data.em`, or `quantity of an item of contents` inside a list's items. */
function fieldLabel(label: string, key: string): string {
  if (label === "the request body") return key;
  return label.startsWith("an item of ") ? `${key} of ${label}` : `${label}.${key}`;
}

/** Each item a comprehension makes must fit the list's `items`, with the loop name bound while it is checked. */
function checkItemsFit(
  loop: ComprehensionExpr,
  field: SchemaNode,
  label: string,
  context: CheckContext,
  fits: FitCheck,
): void {
  const items = asSchema(field.items);
  if (items === undefined || typeof loop.name?.text !== "string") return;
  const loops = new Map(context.site.loops ?? []);
  loops.set(loop.name.text, loop.source);
  const inner = deeper(context, label, undefined);
  fits(loop.item, items, `an item of ${label}`, { ...inner, site: { ...inner.site, loops } });
}
