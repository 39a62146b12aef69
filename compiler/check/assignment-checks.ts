// Assignments: the target must be a field of the request schema, the value must fit it, and each target is set once.

import type { Assignment, Expr } from "../../dsl/ast.js";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";
import { describeType, listOf, typeOf, type MapType, type TypeEnv } from "./types.js";
import { envOf, schemaFor, type CheckContext } from "./context.js";
import { asSchema, type SchemaNode } from "./event-schema.js";
import { didYouMean, quoted } from "./report.js";
import {
  allowedTypes,
  allowedValues,
  describeSchemaTypes,
  listItemSchema,
  resolveAssignmentTarget,
} from "./request-schema.js";
import { checkFormat, reportArrayBodyField } from "./schema-value-checks.js";
import { sameStructure } from "./structural.js";
import { checkCompoundFits } from "./composite-fit.js";
import { checkSettingValuesFit } from "./setting-value-checks.js";
import { deeper } from "./object-required.js";
import { checkLiteralConstraints } from "./literal-constraints.js";
import type { CheckTable } from "./table.js";

export const ASSIGNMENT_CHECKS: CheckTable = {
  Assign: [checkTargetField, checkAssignedOnce],
};

/** The target's names, or undefined when error recovery left a hole in it. */
function targetNames(assignment: Assignment): string[] | undefined {
  if (!Array.isArray(assignment.target)) return undefined;
  const names = listOf(assignment.target).map((name) => name?.text);
  // An empty target is `body <- expr`: the whole body.
  return names.every((name) => typeof name === "string") ? (names as string[]) : undefined;
}

function checkTargetField(assignment: Assignment, context: CheckContext): void {
  const loaded = context.preset && schemaFor(context.preset, assignment);
  const names = targetNames(assignment);
  // Without a request schema, targets are unchecked.
  if (loaded === undefined || !loaded.ok || names === undefined) return;
  const resolution = resolveAssignmentTarget(loaded.schema, names);
  if (resolution.kind === "field") {
    checkValueFits(assignment.value, resolution.schema, names.join(".") || "the request body", context);
    return;
  }
  if (resolution.kind === "open") return;
  if (resolution.kind === "array-body") return reportArrayBodyField(assignment, context);
  const name = names[resolution.index];
  const span = assignment.target[resolution.index].span;
  if (resolution.kind === "not-object") {
    const message = `${resolution.parent} is ${resolution.parentType}, so it has no field ${quoted(name)}`;
    context.reporter.report("E204", span, message);
    return;
  }
  const where = resolution.parent === "" ? "the request body" : resolution.parent;
  context.reporter.report("E204", span, `${where} has no field ${quoted(name)}`, {
    hints: [didYouMean(name, resolution.known) ?? "see the request schema for the fields it accepts"],
  });
}

/** Reports a value that cannot fit a field. `??` is checked branch by branch; list literals item by item. */
function checkValueFits(value: Expr | undefined, field: SchemaNode, label: string, context: CheckContext): void {
  if (!value) return;
  if (value.kind === "Fallback") {
    checkValueFits(value.left, field, label, context);
    checkValueFits(value.right, field, label, context);
    return;
  }
  if (checkCompoundFits(value, field, label, context, checkValueFits)) return;
  const type = typeOf(value, envOf(context));
  const types = allowedTypes(field);
  const loops = context.site.loops;
  if (type === "any" && types !== undefined && !takesAnyJson(types) && readsEvent(value, envOf(context), 0, loops)) {
    reportUncheckedEventValue(value, types, label, context);
    return;
  }
  if (types !== undefined && !fitsTypes(type, types, value)) {
    context.reporter.report(
      "E302",
      value.span,
      `${describeValue(type, value)} does not fit ${label}, which is ${describeSchemaTypes(types)}`,
      {
        hints: [fitHint(type, types)],
      },
    );
    return;
  }
  checkAllowedValue(value, field, label, context);
  checkSettingValuesFit(value, field, label, context);
  checkFormat(value, field, label, context);
  checkLiteralConstraints(value, field, label, context);
  const items = listItemSchema(field);
  if (value.kind === "List" && items !== undefined) {
    const itemContext = deeper(context, label, undefined);
    for (const item of listOf(value.items)) checkValueFits(item, items, `an item of ${label}`, itemContext);
  }
}

/**
 * A value read straight from the event may be any JSON value; sent as it is into a field that takes only some types,
 * one odd event would make the whole request invalid and the lead would be lost. Converting it says what to keep.
 */
function reportUncheckedEventValue(value: Expr, types: readonly string[], label: string, context: CheckContext): void {
  const message = `a value read from the event may be any JSON value, but ${label} is ${describeSchemaTypes(types)}`;
  // A list item has no target of its own to set field by field: it is built whole, in the list.
  const hint = types.includes("object")
    ? label.startsWith("an item of ")
      ? "build each item as an object of converted values, e.g. [{ name: to_string(p.name) } for p in …]"
      : `set its fields one by one instead, e.g. ${label}.name <- to_string(…)`
    : types.includes("string")
      ? "convert it so anything else is left out, e.g. to_string(…) or trim(…)"
      : types.includes("boolean")
        ? 'convert it, e.g. to_bool(…), or compare it: x == "yes"'
        : "convert it, e.g. to_number(…) ?? omit";
  context.reporter.report("E413", value.span, message, { hints: [hint] });
}

const JSON_TYPES = ["string", "number", "boolean", "null", "object", "array"];

/** A field that takes every JSON value needs no conversion; "integer" alone is narrower than "number". */
function takesAnyJson(types: readonly string[]): boolean {
  return JSON_TYPES.every((type) => types.includes(type));
}

const EVENT_ROOTS = new Set(["event", "traits", "properties", "context"]);

/**
 * Whether an `any` value is event data — read directly, through a `let`, or through a function that passes it on
 * (`coalesce`) — rather than the `any` of a mistake already reported (an unknown function or setting).
 */
function readsEvent(value: Expr | undefined, env: TypeEnv, depth = 0, loops?: ReadonlyMap<string, Expr>): boolean {
  if (value === undefined || depth > 32) return false;
  if (value.kind === "Path") {
    const root = value.root?.text ?? "";
    if (EVENT_ROOTS.has(root)) return true;
    // A loop name reads the items of its list: event data when the list is.
    return readsEvent(loops?.get(root) ?? env.letValue?.(root), env, depth + 1, loops);
  }
  if (value.kind === "Call") {
    if (!STDLIB_BY_NAME.has(value.callee?.text)) return false;
    // `entries(properties)` passes event data on too, though its argument's type (object) is known.
    const passesOn = (type: MapType) => type === "any" || type === "object" || type === "list";
    return listOf(value.args).some((arg) => passesOn(typeOf(arg, env)) && readsEvent(arg, env, depth + 1, loops));
  }
  if (value.kind === "Fallback")
    return readsEvent(value.left, env, depth + 1, loops) || readsEvent(value.right, env, depth + 1, loops);
  return false;
}

function fitsTypes(type: MapType, types: readonly string[], value: Expr): boolean {
  switch (type) {
    case "any":
    case "omit":
      return true;
    case "list":
      return types.includes("array");
    case "number":
      // Any number-typed value may be an integer at run time; only a written fraction certainly is not.
      return (
        types.includes("number") ||
        (types.includes("integer") && !(value.kind === "Number" && !Number.isInteger(value.value)))
      );
    default:
      return types.includes(type);
  }
}

function checkAllowedValue(value: Expr, field: SchemaNode, label: string, context: CheckContext): void {
  const allowed = allowedValues(field);
  const literal = literalValue(value);
  if (allowed === undefined || literal === NOT_LITERAL || allowed.some((option) => option === literal)) return;
  const options = allowed.map((option) => JSON.stringify(option));
  const textOptions = allowed.filter((option): option is string => typeof option === "string");
  context.reporter.report("E302", value.span, `${JSON.stringify(literal)} is not an allowed value of ${label}`, {
    hints: [
      typeof literal === "string" ? didYouMean(literal, textOptions) : undefined,
      `allowed: ${options.join(", ")}`,
    ],
  });
}

const NOT_LITERAL = Symbol("not a literal");

function literalValue(value: Expr): unknown {
  switch (value.kind) {
    case "String":
    case "Number":
    case "Boolean":
      return value.value;
    case "Null":
      return null;
    default:
      return NOT_LITERAL;
  }
}

function describeValue(type: MapType, value: Expr): string {
  return value.kind === "Number" ? String(value.value) : describeType(type);
}

function fitHint(type: MapType, types: readonly string[]): string | undefined {
  if (type === "null") return "use omit to leave the field out; null is sent as JSON null";
  if (type === "list" && types.includes("string")) return `join(list, ", ") turns a list into text`;
  if (types.includes("boolean")) return `compare the value to get a boolean, e.g. x == "yes"`;
  if (types.includes("string") && (type === "number" || type === "boolean")) return "to_string(x) turns it into text";
  if (types.includes("array") && type !== "list") return "write it as a list: [x] sends a list of one";
  if ((types.includes("number") || types.includes("integer")) && type === "string") {
    return "to_number(x) ?? omit turns text into a number";
  }
  return undefined;
}

function checkAssignedOnce(assignment: Assignment, context: CheckContext): void {
  const preset = context.preset;
  const names = targetNames(assignment);
  if (preset === undefined || names === undefined) return;
  // Each send block builds its own body: only assignments of the same block can clash.
  const block = preset.blockOf.get(assignment);
  const earlier = firstConflict(indexOf(preset, block), assignment, names);
  preset.assignments.push(assignment);
  if (earlier === undefined) return;
  const earlierNames = targetNames(earlier)!.join(".") || "body";
  const target = names.join(".") || "body";
  const same = earlierNames === target;
  const message = same
    ? `${target} is assigned twice`
    : target === "body" || earlierNames === "body"
      ? `body <- sets the whole body, so no other rule may set ${target === "body" ? earlierNames : target}`
      : `${target} overlaps the assignment to ${earlierNames}`;
  context.reporter.report("E400", assignment.targetSpan, message, {
    labels: [{ span: earlier.targetSpan, message: same ? "first assigned here" : `${earlierNames} assigned here` }],
    hints: [
      target === "body" || earlierNames === "body"
        ? "write every field inside the object that body <- builds, e.g. body <- { name: …, email: … }"
        : `give each assignment a distinct "when" condition, or remove one`,
    ],
  });
}

/**
 * Earlier assignments of one send block, indexed so a rule is compared only with rules whose target is a prefix of
 * its own or lies inside it (linear checking, not every earlier rule: 100k rules check in seconds).
 */
interface TargetIndex {
  /** Assignments by their whole target ("a.b"; "" for `body <-`), in source order. */
  readonly byTarget: Map<string, Assignment[]>;
  /** Assignments by every proper prefix of their target, in source order ("" holds every assignment). */
  readonly byPrefix: Map<string, Assignment[]>;
  readonly order: Map<Assignment, number>;
}

const INDEXES = new WeakMap<object, Map<unknown, TargetIndex>>();

function indexOf(preset: object, block: unknown): TargetIndex {
  const blocks = INDEXES.get(preset) ?? new Map<unknown, TargetIndex>();
  INDEXES.set(preset, blocks);
  const found = blocks.get(block);
  if (found) return found;
  const index = { byTarget: new Map(), byPrefix: new Map(), order: new Map() };
  blocks.set(block, index);
  return index;
}

/** Comparisons made by the assigned-once check, so a test can show the work grows linearly with the rules. */
export const assignedOnceWork = { comparisons: 0 };

/** The earliest earlier assignment that conflicts with this one; then records this one in the index. */
function firstConflict(index: TargetIndex, assignment: Assignment, names: readonly string[]): Assignment | undefined {
  const candidates: Assignment[] = [...(index.byPrefix.get(names.join(".")) ?? [])];
  for (let length = 0; length <= names.length; length += 1) {
    candidates.push(...(index.byTarget.get(names.slice(0, length).join(".")) ?? []));
  }
  let earliest: Assignment | undefined;
  for (const other of candidates) {
    assignedOnceWork.comparisons += 1;
    const before = earliest === undefined || index.order.get(other)! < index.order.get(earliest)!;
    if (before && conflicts(other, assignment)) earliest = other;
  }
  index.order.set(assignment, index.order.size);
  add(index.byTarget, names.join("."), assignment);
  for (let length = 0; length < names.length; length += 1)
    add(index.byPrefix, names.slice(0, length).join("."), assignment);
  return earliest;
}

function add(map: Map<string, Assignment[]>, key: string, assignment: Assignment): void {
  const list = map.get(key);
  if (list) list.push(assignment);
  else map.set(key, [assignment]);
}

// Two assignments conflict when one target is the other or lies inside it, unless both have `when` conditions that
// differ: then at most one of them is meant to apply to any event.
function conflicts(a: Assignment, b: Assignment): boolean {
  const aNames = targetNames(a);
  const bNames = targetNames(b);
  if (aNames === undefined || bNames === undefined) return false;
  const shorter = Math.min(aNames.length, bNames.length);
  if (aNames.slice(0, shorter).some((name, i) => name !== bNames[i])) return false;
  // `body <- expr` is the only rule that may set the body, whatever the conditions of the others.
  if (shorter === 0 && aNames.length !== bNames.length) return true;
  return !(a.when !== undefined && b.when !== undefined && !sameStructure(a.when, b.when));
}
