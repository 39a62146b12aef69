// The checker's type model: what kind of value an expression gives, as far as it can be known before an event arrives.

import type { BinaryExpr, Expr, MapFile, PathExpr, PathSegment, PresetDecl, SettingType } from "../../dsl/ast.js";
import type { ValueType } from "../../runtime/stdlib/spec.js";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";
import { canonicalFieldSchema, schemaValueType } from "./event-schema.js";

/**
 * A value type. `any` is unknown until run time (event data, a failed lookup) and fits everything; `omit` is the
 * literal absent value, which also fits everything because assigning it leaves the key out. Any type may still be
 * absent at run time: absence is not part of the type.
 */
export type MapType = ValueType | "omit";

/** The roots a path may start with; `let` names are added per preset. */
export const ROOTS: readonly string[] = ["event", "traits", "properties", "context", "settings"];

/** What `typeOf` needs to know about names the expression itself does not declare. */
export interface TypeEnv {
  /** The declared type of a setting, or undefined when there is no such setting. */
  readonly settingType: (name: string) => SettingType | undefined;
  /** The type of a `let` binding's value, or undefined when there is no such binding. */
  readonly letType: (name: string) => MapType | undefined;
  /** The expression a `let` binds, so a check can trace where a value comes from. */
  readonly letValue?: (name: string) => Expr | undefined;
  /** The list a comprehension's loop name walks, where the expression sits inside one. */
  readonly loopSource?: (name: string) => Expr | undefined;
}

/** The type an expression gives. Total: unknown or malformed nodes are `any`. */
export function typeOf(expr: Expr | undefined, env: TypeEnv): MapType {
  switch (expr?.kind) {
    case "String":
      return "string";
    case "Number":
      return "number";
    case "Boolean":
      return "boolean";
    case "Null":
      return "null";
    case "Omit":
      return "omit";
    case "List":
      return "list";
    case "Path":
      return pathType(expr, env);
    case "Call":
      return STDLIB_BY_NAME.get(expr.callee?.text)?.returns ?? (expr.callee?.text === "now" ? "string" : "any");
    case "Binary":
      return binaryType(expr, env);
    case "Not":
      return "boolean";
    case "Fallback":
      return fallbackType(typeOf(expr.left, env), typeOf(expr.right, env));
    case "Object":
      return "object";
    case "Comprehension":
      return "list";
    case "If":
      return fallbackType(typeOf(expr.then, env), expr.otherwise ? typeOf(expr.otherwise, env) : "omit");
    case "Match":
      return [...listOf(expr.arms).map((arm) => arm?.value), expr.otherwise]
        .map((value) => (value === undefined ? "omit" : typeOf(value, env)))
        .reduce<MapType>(fallbackType, "omit");
    default:
      return "any";
  }
}

/**
 * `+` adds two numbers and otherwise joins text, so it is a number, text, or unknown when neither side is known;
 * `- * /` give numbers, the comparisons and `and`/`or` booleans.
 */
function binaryType(expr: BinaryExpr, env: TypeEnv): MapType {
  if (expr.operator === "-" || expr.operator === "*" || expr.operator === "/") return "number";
  if (expr.operator !== "+") return "boolean";
  const left = typeOf(expr.left, env);
  const right = typeOf(expr.right, env);
  if (left === "number" && right === "number") return "number";
  const unknown = (type: MapType) => type === "any" || type === "omit" || type === "number";
  return unknown(left) && unknown(right) ? "any" : "string";
}

function fallbackType(left: MapType, right: MapType): MapType {
  if (left === "omit") return right;
  if (right === "omit" || right === left) return left;
  return "any";
}

function pathType(path: PathExpr, env: TypeEnv): MapType {
  const root = path.root?.text;
  const segments = Array.isArray(path.segments) ? path.segments : [];
  if (root === "event" && segments.length === 0) return "string"; // bare `event` is the event name
  if (root === "event" || root === "context") {
    const field = canonicalFieldSchema(root, segments);
    return field === undefined ? "any" : schemaValueType(field);
  }
  if (root === "traits" || root === "properties") return segments.length === 0 ? "object" : "any";
  if (root === "settings") {
    if (segments.length === 0) return "object";
    const first = segments[0];
    const type = segments.length === 1 && first.kind === "Field" ? env.settingType(first.name) : undefined;
    return type === undefined ? "any" : settingValueType(type);
  }
  const loopSource = root === undefined ? undefined : env.loopSource?.(root);
  if (loopSource !== undefined) return loopItemType(loopSource, segments);
  const letType = root === undefined ? undefined : env.letType(root);
  if (letType !== undefined && segments.length === 0) return letType;
  return root === undefined ? "any" : objectFieldType(env.letValue?.(root), segments, env);
}

/** An item of `entries(…)` is an object whose `key` is text; items of any other list are unknown. */
function loopItemType(source: Expr, segments: readonly PathSegment[]): MapType {
  if (source.kind !== "Call" || source.callee?.text !== "entries") return "any";
  if (segments.length === 0) return "object";
  const first = segments[0];
  return segments.length === 1 && first.kind === "Field" && first.name === "key" ? "string" : "any";
}

/** The type of `name.a.b` when the let `name` is an object literal: an object type with known fields. */
function objectFieldType(value: Expr | undefined, segments: readonly PathSegment[], env: TypeEnv): MapType {
  let node = value;
  for (const segment of segments) {
    if (segment.kind !== "Field") return "any";
    node = fieldOfObject(node, segment.name, env, 0);
  }
  // `let a = { x: a.x }` (already an error) reads as `any` rather than recursing forever.
  if (node === undefined || resolving.has(node)) return "any";
  resolving.add(node);
  try {
    return typeOf(node, env);
  } finally {
    resolving.delete(node);
  }
}

const resolving = new Set<Expr>();

/**
 * The expression that gives field `key` of an object the checker can see: an object literal, a `let` bound to one,
 * or `merge(…)` of those (the last argument that has the key wins). Undefined when the object's keys are unknown
 * (event data, `from_entries`), so the field reads as `any`: an open object.
 */
export function fieldOfObject(node: Expr | undefined, key: string, env: TypeEnv, depth: number): Expr | undefined {
  if (node === undefined || depth > 32) return undefined;
  if (node.kind === "Object") return listOf(node.entries).find((entry) => entry?.key === key)?.value;
  if (node.kind === "Path" && listOf(node.segments).length === 0 && typeof node.root?.text === "string") {
    return fieldOfObject(env.letValue?.(node.root.text), key, env, depth + 1);
  }
  if (node.kind !== "Call" || node.callee?.text !== MERGE) return undefined;
  for (const arg of [...listOf(node.args)].reverse()) {
    if (!isKnownObject(arg, env, depth + 1)) return undefined;
    const found = fieldOfObject(arg, key, env, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

export const MERGE = "merge";

/** Whether every key of the object an expression gives is written in the source (literal, let, merge of those). */
export function isKnownObject(node: Expr | undefined, env: TypeEnv, depth = 0): boolean {
  if (node === undefined || depth > 32) return false;
  if (node.kind === "Object") return true;
  if (node.kind === "Path" && listOf(node.segments).length === 0 && typeof node.root?.text === "string") {
    return isKnownObject(env.letValue?.(node.root.text), env, depth + 1);
  }
  return (
    node.kind === "Call" &&
    node.callee?.text === MERGE &&
    listOf(node.args).every((arg) => isKnownObject(arg, env, depth + 1))
  );
}

/** The value type a setting of the given declared type reads as: secrets and regions are text. */
export function settingValueType(type: SettingType): MapType {
  return type === "number" ? "number" : type === "boolean" ? "boolean" : "string";
}

/** Whether a value of type `actual` may be passed where `expected` is declared (a parameter). */
export function fitsParam(actual: MapType, expected: ValueType): boolean {
  return expected === "any" || actual === "any" || actual === "omit" || actual === expected;
}

/** Types `+` can join as text. */
export function isTextLike(type: MapType): boolean {
  return type === "string" || type === "number" || type === "boolean" || type === "any";
}

/** A type named for a message: "a string", "a list". */
export function describeType(type: MapType): string {
  switch (type) {
    case "any":
      return "any value";
    case "null":
      return "null";
    case "omit":
      return "omit";
    case "object":
      return "an object";
    default:
      return `a ${type}`;
  }
}

/** A TypeEnv for one preset: the file's settings and the preset's `let` bindings (first declaration wins). */
export function typeEnvFor(file: MapFile | undefined, preset: PresetDecl | undefined): TypeEnv {
  const settings = new Map<string, SettingType>();
  for (const setting of listOf(file?.integration?.settings)) {
    if (setting?.name?.text !== undefined && !settings.has(setting.name.text)) {
      settings.set(setting.name.text, setting.type);
    }
  }
  const lets = new Map<string, Expr>();
  for (const statement of listOf(preset?.statements)) {
    if (statement?.kind === "Let" && statement.name?.text !== undefined && !lets.has(statement.name.text)) {
      lets.set(statement.name.text, statement.value);
    }
  }
  return lazyEnv(settings, lets);
}

// Let types are computed on demand and memoised; a cycle (`let a = b`, `let b = a`) is already an error, so it reads
// as `any` rather than recursing forever.
function lazyEnv(settings: ReadonlyMap<string, SettingType>, lets: ReadonlyMap<string, Expr>): TypeEnv {
  const known = new Map<string, MapType>();
  const visiting = new Set<string>();
  const env: TypeEnv = {
    settingType: (name) => settings.get(name),
    letValue: (name) => lets.get(name),
    letType: (name) => {
      if (!lets.has(name)) return undefined;
      if (visiting.has(name)) return "any";
      const cached = known.get(name);
      if (cached !== undefined) return cached;
      visiting.add(name);
      const type = typeOf(lets.get(name), env);
      visiting.delete(name);
      known.set(name, type);
      return type;
    },
  };
  return env;
}

/** An array as given, or empty when a partial AST left it out. */
export function listOf<T>(items: readonly T[] | undefined): readonly T[] {
  return Array.isArray(items) ? items : [];
}
