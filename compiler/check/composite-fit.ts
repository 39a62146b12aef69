// Values of language v2 checked against a request-schema field: objects key by key, comprehension items, and each
// branch of `if` and `match`. The field-level rules themselves (E302, E413, enums) stay in assignment-checks.ts.

import type { ComprehensionExpr, Expr, ObjectLiteral, PathExpr } from "../../dsl/ast.js";
import type { CheckContext } from "./context.js";
import { asSchema, type SchemaNode } from "./event-schema.js";
import { didYouMean, quoted } from "./report.js";
import { allowedTypes, resolveTarget } from "./request-schema.js";
import { listOf } from "./types.js";

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
  if (bound === undefined || !COMPOUND.has(bound.kind)) return false;
  fits(bound, field, label, context);
  return true;
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
  for (const entry of listOf(object.entries)) {
    const resolution = resolveTarget(field, [entry.key]);
    if (resolution.kind === "field") {
      fits(entry.value, resolution.schema, fieldLabel(label, entry.key), context);
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
  fits(loop.item, items, `an item of ${label}`, { ...context, site: { ...context.site, loops } });
}
