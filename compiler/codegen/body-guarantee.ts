// What the compiler knows about a send block's body before any event arrives: for each field the preset sets, the
// JSON type its value is bound to have (a literal's value, too) and whether it is always there.

import type { Assignment, Expr, Statement } from "../../dsl/ast.js";
import { STDLIB_BY_NAME } from "../../runtime/stdlib/index.js";
import type { SendBlock } from "../check/blocks.js";
import { listOf, typeOf, type TypeEnv } from "../check/types.js";

export type ScalarType = "string" | "number" | "boolean" | "null";

/** A value as far as it is known: `any` is unknown (event data), `absent` is never there. */
export type Guarantee =
  | { readonly kind: "any" }
  | { readonly kind: "absent" }
  | {
      readonly kind: "scalar";
      readonly type: ScalarType;
      readonly literal?: { readonly value: unknown };
      /** Text that is always 64 lower-case hex digits (a SHA-256 digest). */
      readonly sha256Hex?: boolean;
      /** Text that is never empty: a standard-library function gives absent rather than "". */
      readonly nonEmpty?: boolean;
    }
  /** Never empty (an empty list is absent); at most `maxLength` items when known. */
  | { readonly kind: "list"; readonly items: Guarantee; readonly maxLength?: number }
  /** Exactly these keys may appear (no others); `always` when the key is there on every event. */
  | { readonly kind: "object"; readonly entries: ReadonlyMap<string, Entry> };

export interface Entry {
  readonly value: Guarantee;
  readonly always: boolean;
}

export const ANY: Guarantee = Object.freeze({ kind: "any" });
const ABSENT: Guarantee = Object.freeze({ kind: "absent" });
const HEX_DIGEST: Guarantee = Object.freeze({ kind: "scalar", type: "string", sha256Hex: true });
const SCALARS = new Set(["string", "number", "boolean"]);

/** What the generated code gives an expression, trusting the runtime's documented semantics (and nothing else). */
export function guaranteeOf(
  expr: Expr | undefined,
  env: TypeEnv,
  depth = 0,
  required: ReadonlySet<string> = NONE,
): Guarantee {
  if (expr === undefined || depth > 32) return ANY;
  const next = (e: Expr | undefined) => guaranteeOf(e, env, depth + 1, required);
  switch (expr.kind) {
    case "String":
      return { kind: "scalar", type: "string", literal: { value: expr.value } };
    case "Number":
      return Number.isFinite(expr.value) ? { kind: "scalar", type: "number", literal: { value: expr.value } } : ANY;
    case "Boolean":
      return { kind: "scalar", type: "boolean", literal: { value: expr.value } };
    case "Null":
      return { kind: "scalar", type: "null", literal: { value: null } };
    case "Omit":
      return ABSENT;
    case "Not":
      return { kind: "scalar", type: "boolean" };
    case "Binary":
      return expr.operator === "+" ? scalarOf(typeOf(expr, env)) : ARITHMETIC.has(expr.operator) ? NUMBER : BOOLEAN;
    case "Call":
      if (expr.callee.text === "now") return STRING;
      if (STDLIB_BY_NAME.get(expr.callee.text)?.sha256Hex === true) return HEX_DIGEST;
      if (expr.callee.text === "merge") return mergeCall(listOf(expr.args).map(next));
      // Every text-returning function gives absent rather than "" (spec/runtime/stdlib-declared-facts.test.ts).
      if (STDLIB_BY_NAME.get(expr.callee.text)?.returns === "string") return NON_EMPTY_TEXT;
      return scalarOf(STDLIB_BY_NAME.get(expr.callee.text)?.returns);
    case "Fallback":
      return union(next(expr.left), next(expr.right));
    case "If":
      return union(next(expr.then), expr.otherwise ? next(expr.otherwise) : ABSENT);
    case "Match":
      return [...listOf(expr.arms).map((arm) => arm.value), expr.otherwise ?? OMIT].map(next).reduce(union, ABSENT);
    case "List":
      return listOf(expr.items).length === 0
        ? ABSENT
        : { kind: "list", items: expr.items.map(next).reduce(union, ABSENT), maxLength: expr.items.length };
    case "Comprehension":
      return { kind: "list", items: next(expr.item) };
    case "Object":
      return objectLiteral(expr.entries, next, (e) => neverAbsent(e, required, env));
    case "Path":
      return pathGuarantee(expr, env, depth, required);
    default:
      return ANY;
  }
}

const NONE: ReadonlySet<string> = new Set();
const OMIT: Expr = { kind: "Omit", span: { start: 0, end: 0 } } as Expr;
const ARITHMETIC = new Set(["-", "*", "/"]);
const NUMBER: Guarantee = { kind: "scalar", type: "number" };
const BOOLEAN: Guarantee = { kind: "scalar", type: "boolean" };
const STRING: Guarantee = { kind: "scalar", type: "string" };
const NON_EMPTY_TEXT: Guarantee = Object.freeze({ kind: "scalar", type: "string", nonEmpty: true });

function scalarOf(type: string | undefined): Guarantee {
  return type !== undefined && SCALARS.has(type) ? { kind: "scalar", type: type as ScalarType } : ANY;
}

function objectLiteral(
  entries: readonly { key: string; value: Expr }[],
  next: (e: Expr) => Guarantee,
  present: (e: Expr) => boolean,
): Guarantee {
  // An object whose every entry is absent is absent itself, so a written `{}` is the only empty object.
  const map = new Map<string, Entry>();
  for (const entry of listOf(entries)) map.set(entry.key, { value: next(entry.value), always: present(entry.value) });
  return { kind: "object", entries: map };
}

function pathGuarantee(
  expr: Extract<Expr, { kind: "Path" }>,
  env: TypeEnv,
  depth: number,
  required: ReadonlySet<string>,
): Guarantee {
  const root = expr.root.text;
  const segments = listOf(expr.segments);
  if (root === "event") {
    // Bare `event` is the event name and `event.type` the normalised call type: both text. Other fields are data.
    const isType = segments.length === 1 && segments[0].kind === "Field" && segments[0].name === "type";
    return segments.length === 0 || isType ? STRING : ANY;
  }
  if (root === "settings") return segments.length === 1 ? scalarOf(typeOf(expr, env)) : ANY;
  const bound = env.letValue?.(root);
  if (bound !== undefined && segments.length === 0) return guaranteeOf(bound, env, depth + 1, required);
  return ANY;
}

/**
 * `merge(a, b, …)` of objects the preset builds: every key of any of them, a later value replacing an earlier one
 * unless it is blank (`null`, `""`), when the earlier stays. A key is always there only when some object always
 * gives it a value that cannot be blank. Anything but objects (or absent) makes the result unknown.
 */
function mergeCall(parts: readonly Guarantee[]): Guarantee {
  const entries = new Map<string, Entry>();
  for (const part of parts) {
    if (part.kind === "absent") continue;
    if (part.kind !== "object") return ANY;
    for (const [key, entry] of part.entries) {
      const before = entries.get(key);
      const always = (before?.always ?? false) || (entry.always && neverBlank(entry.value));
      entries.set(key, { value: before ? union(before.value, entry.value) : entry.value, always });
    }
  }
  return { kind: "object", entries };
}

/** A value that is never `null` or `""`. */
function neverBlank(value: Guarantee): boolean {
  if (value.kind === "list" || value.kind === "object") return true;
  if (value.kind !== "scalar") return false;
  if (value.literal !== undefined) return value.literal.value !== null && value.literal.value !== "";
  return value.type === "number" || value.type === "boolean" || nonEmptyText(value);
}

/** Text that is never "": a function's result, a digest, written text other than "", or a choice among those. */
export function nonEmptyText(value: Guarantee): boolean {
  if (value.kind !== "scalar" || value.type !== "string") return false;
  if (value.literal !== undefined) return typeof value.literal.value === "string" && value.literal.value !== "";
  return value.nonEmpty === true || value.sha256Hex === true;
}

/** A value that is one of two: what both guarantee. */
export function union(a: Guarantee, b: Guarantee): Guarantee {
  if (a.kind === "absent") return b;
  if (b.kind === "absent") return a;
  if (a.kind === "scalar" && b.kind === "scalar" && a.type === b.type) {
    const same = a.literal !== undefined && b.literal !== undefined && a.literal.value === b.literal.value;
    if (!same && a.sha256Hex === true && b.sha256Hex === true) return HEX_DIGEST;
    if (!same && nonEmptyText(a) && nonEmptyText(b)) return NON_EMPTY_TEXT;
    return same ? a : { kind: "scalar", type: a.type };
  }
  if (a.kind === "list" && b.kind === "list") {
    const max = a.maxLength === undefined || b.maxLength === undefined ? undefined : Math.max(a.maxLength, b.maxLength);
    return { kind: "list", items: union(a.items, b.items), ...(max === undefined ? {} : { maxLength: max }) };
  }
  if (a.kind === "object" && b.kind === "object") return unionObjects(a.entries, b.entries);
  return ANY;
}

function unionObjects(a: ReadonlyMap<string, Entry>, b: ReadonlyMap<string, Entry>): Guarantee {
  const entries = new Map<string, Entry>();
  for (const key of new Set([...a.keys(), ...b.keys()])) {
    const left = a.get(key);
    const right = b.get(key);
    const value = union(left?.value ?? ABSENT, right?.value ?? ABSENT);
    entries.set(key, { value, always: left?.always === true && right?.always === true });
  }
  return { kind: "object", entries };
}

/** The body one send block builds: the fields its assignments set (prelude `require`s count as well). */
export function blockGuarantee(prelude: readonly Statement[], block: SendBlock, fileEnv: TypeEnv): Guarantee {
  const env = blockEnv([...prelude, ...block.statements], fileEnv);
  const required = new Set<string>();
  let body: Guarantee = { kind: "object", entries: new Map() };
  let whole: Guarantee | undefined;
  let wholeAlways = false;
  for (const statement of [...prelude, ...block.statements]) {
    if (statement.kind === "Require" && statement.value.kind === "Path" && statement.value.segments.length === 0) {
      required.add(statement.value.root.text);
    }
    if (statement.kind !== "Assign") continue;
    const value = guaranteeOf(statement.value, env, 0, required);
    const always = statement.when === undefined && neverAbsent(statement.value, required, env);
    if (statement.target.length === 0) {
      whole = union(whole ?? ABSENT, value);
      wholeAlways ||= always;
    } else body = placed(body, statement, value, always);
  }
  // `body <- expr` replaces the body only when the value is present; otherwise the body stays `{}`.
  if (whole === undefined) return body;
  return wholeAlways ? whole : union(whole, { kind: "object", entries: new Map() });
}

/** Names as this block binds them: with several send blocks, each block may bind a name of its own. */
function blockEnv(statements: readonly Statement[], fileEnv: TypeEnv): TypeEnv {
  const lets = new Map<string, Expr>();
  for (const s of statements) if (s.kind === "Let" && !lets.has(s.name.text)) lets.set(s.name.text, s.value);
  const env: TypeEnv = {
    settingType: fileEnv.settingType,
    letValue: (name) => (lets.has(name) ? lets.get(name) : fileEnv.letValue?.(name)),
    letType: (name) => (lets.has(name) ? typeOf(lets.get(name), env) : fileEnv.letType(name)),
  };
  return env;
}

/** The body with one more assignment placed at its target (putIn creates the objects on the way). */
function placed(body: Guarantee, assignment: Assignment, value: Guarantee, always: boolean): Guarantee {
  const keys = assignment.target.map((name) => name.text);
  let nested: Entry = { value, always };
  for (let i = keys.length - 1; i > 0; i--) {
    nested = { value: { kind: "object", entries: new Map([[keys[i], nested]]) }, always: nested.always };
  }
  const entries = body.kind === "object" ? new Map(body.entries) : new Map<string, Entry>();
  const earlier = entries.get(keys[0]);
  if (earlier === undefined) entries.set(keys[0], nested);
  else entries.set(keys[0], merged(earlier, nested));
  return { kind: "object", entries };
}

/** Two rules writing under the same key (different fields of one object, or one field under different `when`s). */
function merged(earlier: Entry, later: Entry): Entry {
  if (earlier.value.kind === "object" && later.value.kind === "object") {
    const entries = new Map(earlier.value.entries);
    for (const [key, entry] of later.value.entries) {
      const before = entries.get(key);
      entries.set(key, before === undefined ? entry : merged(before, entry));
    }
    return { value: { kind: "object", entries }, always: earlier.always || later.always };
  }
  // The same field from two rules (only under different conditions: the checker refuses it otherwise).
  return { value: union(earlier.value, later.value), always: earlier.always && later.always };
}

/** True when the expression has a value on every event: literals, comparisons, and `let`s a `require` checked. */
function neverAbsent(expr: Expr, required: ReadonlySet<string>, env: TypeEnv, depth = 0): boolean {
  if (depth > 32) return false;
  switch (expr.kind) {
    case "String":
    case "Boolean":
    case "Null":
    case "Not":
      return true;
    case "Number":
      return Number.isFinite(expr.value);
    case "Binary":
      return ["==", "!=", "and", "or"].includes(expr.operator);
    case "Fallback":
      return neverAbsent(expr.right, required, env, depth + 1);
    case "List":
      return listOf(expr.items).some((item) => neverAbsent(item, required, env, depth + 1));
    case "Object":
      return expr.entries.length === 0 || expr.entries.some((e) => neverAbsent(e.value, required, env, depth + 1));
    case "If":
      return (
        expr.otherwise !== undefined &&
        [expr.then, expr.otherwise].every((e) => neverAbsent(e, required, env, depth + 1))
      );
    case "Path": {
      if (expr.segments.length > 0) return false;
      if (required.has(expr.root.text)) return true;
      const bound = env.letValue?.(expr.root.text);
      return bound !== undefined && neverAbsent(bound, required, env, depth + 1);
    }
    default:
      return false;
  }
}
