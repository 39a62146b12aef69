// Object functions: merge, entries and from_entries (objects as lists of { key, value }), take and type_of.

import { put } from "../body.js";
import { ABSENT, gives } from "./examples.js";
import type { FunctionSpec } from "./spec.js";

type Obj = Record<string, unknown>;

function isObject(value: unknown): value is Obj {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// Event values read `null` and `""` as absent (runtime/access.ts); keys taken from an object follow the same rule.
function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/**
 * Shallow: a key of a later object replaces the earlier value whole (nested objects are not merged). Arguments that
 * are not objects are skipped. Keys are copied with `put`, so `__proto__` becomes an own key, never the prototype.
 */
export function merge(...objects: unknown[]): Obj | undefined {
  const result: Obj = {};
  let kept = 0;
  for (const object of objects) kept += copyInto(result, object);
  return kept === 0 ? undefined : result;
}

/** merge of two values, as generated code calls it for `merge(a, b)`: the same object, without an arguments list. */
export function mergeTwo(first: unknown, second: unknown): Obj | undefined {
  const result: Obj = {};
  const kept = copyInto(result, first) + copyInto(result, second);
  return kept === 0 ? undefined : result;
}

/** Copies the present values of `object` (when it is one) into `result`; gives how many it copied. */
function copyInto(result: Obj, object: unknown): number {
  if (!isObject(object)) return 0;
  let kept = 0;
  // for-in visits own keys in Object.keys order (then inherited ones, skipped) without a list of keys per call.
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const value = object[key];
    if (isBlank(value)) continue;
    put(result, key, value);
    kept++;
  }
  return kept;
}

/** `{ a: 1 }` → `[{ key: "a", value: 1 }]`, in the object's key order; blank values and the empty key are left out. */
export function entries(object: unknown): { key: string; value: unknown }[] | undefined {
  if (!isObject(object)) return undefined;
  const list = Object.keys(object)
    .filter((key) => key !== "" && !isBlank(object[key]))
    .map((key) => ({ key, value: object[key] }));
  return list.length === 0 ? undefined : list;
}

/**
 * The inverse of entries: each item `{ key, value }` with text key and a present value becomes a key of the object;
 * later items win. Any other item is skipped. Built with `put`: hostile keys stay plain own keys.
 */
export function from_entries(list: unknown): Obj | undefined {
  if (!Array.isArray(list)) return undefined;
  const result: Obj = {};
  for (const item of list) {
    if (!isObject(item) || !Object.prototype.hasOwnProperty.call(item, "key")) continue;
    const key = item.key;
    const value = Object.prototype.hasOwnProperty.call(item, "value") ? item.value : undefined;
    if (typeof key === "string" && key !== "" && !isBlank(value)) put(result, key, value);
  }
  return Object.keys(result).length === 0 ? undefined : result;
}

/** The first `count` items of a list. */
export function take(list: unknown, count: unknown): unknown[] | undefined {
  if (!Array.isArray(list) || typeof count !== "number" || !Number.isInteger(count) || count < 0) return undefined;
  const kept = list.slice(0, count);
  return kept.length === 0 ? undefined : kept;
}

/** The JSON type of a value by the language's names: "string", "number", "boolean", "list", "object" or "null". */
export function type_of(value: unknown): string | undefined {
  if (value === null) return "null";
  if (Array.isArray(value)) return "list";
  switch (typeof value) {
    case "string":
    case "boolean":
      return typeof value;
    case "number":
      return Number.isFinite(value) ? "number" : undefined;
    case "object":
      return "object";
    default:
      return undefined;
  }
}

const PAIR = { key: "plan", value: "pro" };

export const OBJECT_FUNCTIONS: readonly FunctionSpec[] = [
  {
    name: "merge",
    params: [{ name: "objects", type: "any", variadic: true }],
    returns: "object",
    fallible: false,
    doc:
      "One object with the keys of all its arguments; when two have the same key, the later one wins. Shallow: a " +
      "nested object of a later argument replaces the earlier one whole. Arguments that are not objects (absent, " +
      "text, lists) are skipped, and keys whose value is null or empty text are left out, as when reading the event. " +
      "Absent when no key is left.",
    examples: [
      { args: [{ a: 1, b: 2 }, { b: 3 }], result: gives({ a: 1, b: 3 }), note: "later keys win" },
      { args: [{ user: { em: "x" } }, { user: { ph: "y" } }], result: gives({ user: { ph: "y" } }), note: "shallow" },
      { args: [undefined, { a: 1 }, "text"], result: gives({ a: 1 }), note: "non-objects are skipped" },
      { args: [{ a: null, b: "" }], result: ABSENT, note: "blank values are left out" },
      { args: [], result: ABSENT },
    ],
    impl: merge,
  },
  {
    name: "entries",
    params: [{ name: "object", type: "object" }],
    returns: "list",
    fallible: false,
    doc:
      "The object's keys and values as a list of objects { key, value }, in the object's key order, for a list " +
      "comprehension to filter and rename. Keys whose value is null or empty text are left out, and so is the empty key. Absent when the " +
      "value is not an object or nothing is left.",
    examples: [
      { args: [{ plan: "pro", seats: 3 }], result: gives([PAIR, { key: "seats", value: 3 }]) },
      { args: [{ plan: "pro", note: "", x: null }], result: gives([PAIR]), note: "blank values are left out" },
      { args: [{}], result: ABSENT },
      { args: ["pro"], result: ABSENT, note: "not an object" },
      { args: [["pro"]], result: ABSENT, note: "a list is not an object" },
      { args: [undefined], result: ABSENT },
    ],
    impl: entries,
  },
  {
    name: "from_entries",
    params: [{ name: "list", type: "list" }],
    returns: "object",
    fallible: false,
    doc:
      "An object from a list of { key, value } objects (what entries gives). An item whose key is not non-empty " +
      "text, or whose value is absent, null or empty text, is skipped; when two items have the same key the later " +
      "wins. Any key, `__proto__` included, becomes an ordinary key of the object. Absent when nothing is left.",
    examples: [
      { args: [[PAIR, { key: "seats", value: 3 }]], result: gives({ plan: "pro", seats: 3 }) },
      { args: [[PAIR, { key: "plan", value: "team" }]], result: gives({ plan: "team" }), note: "later wins" },
      {
        args: [[{ key: "", value: 1 }, { key: 2, value: 1 }, { key: "a" }, "x"]],
        result: ABSENT,
        note: "no usable item",
      },
      { args: [{ plan: "pro" }], result: ABSENT, note: "not a list" },
      { args: [undefined], result: ABSENT },
    ],
    impl: from_entries,
  },
  {
    name: "take",
    params: [
      { name: "list", type: "list" },
      { name: "count", type: "number" },
    ],
    returns: "list",
    fallible: false,
    doc:
      "The first `count` items of the list (all of them when it has fewer). `count` is a whole number, 0 or more. " +
      "Absent when nothing is left.",
    examples: [
      { args: [["a", "b", "c"], 2], result: gives(["a", "b"]) },
      { args: [["a"], 25], result: gives(["a"]) },
      { args: [["a"], 0], result: ABSENT, note: "nothing left" },
      { args: [["a"], 1.5], result: ABSENT, note: "not a whole number" },
      { args: ["abc", 2], result: ABSENT, note: "not a list" },
      { args: [undefined, 2], result: ABSENT },
    ],
    impl: take,
  },
  {
    name: "type_of",
    params: [{ name: "value", type: "any" }],
    returns: "string",
    fallible: false,
    doc:
      'The JSON type of the value: "string", "number", "boolean", "list", "object" or "null". Absent when the ' +
      "value is absent. Use it to keep only the values a field can take.",
    examples: [
      { args: ["pro"], result: gives("string") },
      { args: [3], result: gives("number") },
      { args: [[1]], result: gives("list") },
      { args: [{ a: 1 }], result: gives("object") },
      { args: [null], result: gives("null") },
      { args: [undefined], result: ABSENT },
    ],
    impl: type_of,
  },
];
